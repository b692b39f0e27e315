package se.kth.aspen.core.pass;

import java.util.List;

/**
 * A target's stages, called one after the other: each gets the previous one's output, until one
 * finishes the target. The chain knows which stage it is calling, so a failure, expected or not,
 * is reported in that stage's step with what the stage was given ({@link Progress#known()});
 * no stage keeps or sets a "step under way".
 *
 * <p>Immutable: {@link #then} gives a new chain.
 */
final class Chain<T extends Progress> {

  private final Next<T> at;
  private final Failures failures;

  private Chain(Next<T> at, Failures failures) {
    this.at = at;
    this.failures = failures;
  }

  /** A chain whose first stage takes {@code first}, whose failures {@code failures} reports. */
  static <T extends Progress> Chain<T> from(T first, Failures failures) {
    return new Chain<>(Next.go(first), failures);
  }

  /** The chain with {@code stage} called next, unless an earlier stage finished the target. */
  <O extends Progress> Chain<O> then(Stage<? super T, O> stage) {
    return switch (at) {
      case Next.Done<T> done -> new Chain<>(Next.done(done.result()), failures);
      case Next.Go<T> go -> new Chain<>(call(stage, go.input()), failures);
    };
  }

  /** The target's result, after {@code last}, unless an earlier stage finished it. */
  AppResult finish(Stage<? super T, Finished> last) {
    return switch (then(last).at) {
      case Next.Done<Finished> done -> done.result();
      case Next.Go<Finished> go -> throw new AssertionError("a last stage cannot go on");
    };
  }

  private <O extends Progress> Next<O> call(Stage<? super T, O> stage, T in) {
    try {
      return stage.apply(in);
    } catch (StepFailure failure) {
      return Next.done(failures.result(in.known(), failure, List.of()));
    } catch (Deploying.Failed failed) {
      return Next.done(failures.result(in.known().warned(failed.warnings), failed.failure, failed.rolledBack));
    } catch (RuntimeException | Error e) {
      // A bug or an exhausted stack is one target's failure; a broken JVM is not.
      if (e instanceof VirtualMachineError vm && !(vm instanceof StackOverflowError) && !(vm instanceof OutOfMemoryError)) {
        throw vm;
      }
      StepFailure internal = new StepFailure(stage.step(), FailureKind.INTERNAL,
          "unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
      return Next.done(failures.result(in.known(), internal, List.of()));
    }
  }
}
