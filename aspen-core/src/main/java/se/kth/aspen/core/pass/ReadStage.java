package se.kth.aspen.core.pass;

import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.compose.StackSource;

/**
 * Read, for a target that goes on: the stack interpolated with the resolved variables, its
 * images parsed and its paths confined ({@link Reading}). Parsed here unless an earlier stage
 * already had to. {@code aspen validate} runs it too ({@link StackValidation}), on what it read
 * offline.
 *
 * @param <D> what the stage before decided, passed on untouched
 */
final class ReadStage<D extends ReadStage.StackToRead> implements Stage<D, ReadStage.Read<D>> {

  /** What this stage takes: the stack, when already parsed, and the variables to interpolate it with. */
  interface StackToRead extends Progress {

    Optional<StackSource> source();

    Map<String, String> variables();
  }

  /** @param decided what the stage before decided */
  record Read<D>(Known known, D decided, Reading.Output read) implements Progress {}

  private final StackReader reader;
  private final AppTarget target;

  ReadStage(StackReader reader, AppTarget target) {
    this.reader = reader;
    this.target = target;
  }

  @Override
  public Step step() {
    return Step.READ;
  }

  @Override
  public Next<Read<D>> apply(D in) throws StepFailure {
    Reading reading = new Reading(reader);
    Reading.Output read = reading.read(new Reading.Input(target,
        in.source().isPresent() ? in.source().get() : reading.parse(target), in.variables()));
    Known known = in.known().read(read.stack()).warned(Reading.warnings(read.stack()));
    return Next.go(new Read<>(known, in, read));
  }
}
