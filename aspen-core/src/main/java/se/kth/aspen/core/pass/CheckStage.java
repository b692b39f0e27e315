package se.kth.aspen.core.pass;

import java.util.List;
import se.kth.aspen.core.policy.Policies;
import se.kth.aspen.core.policy.Violation;

/**
 * Check: the enforced policies ({@link Checking}); their warnings join the target's. {@code
 * aspen validate} runs it too ({@link StackValidation}).
 *
 * @param <D> what the stage before reading decided, passed on untouched
 */
final class CheckStage<D> implements Stage<ReadStage.Read<D>, CheckStage.Checked<D>> {

  /** @param warnings what the policies warn of, each also sent as a recommendation after a deploy */
  record Checked<D>(Known known, D decided, Reading.Output read, List<Violation> warnings) implements Progress {
    Checked {
      warnings = List.copyOf(warnings);
    }

    Checked<D> with(Known more) {
      return new Checked<>(more, decided, read, warnings);
    }

    /** The policies' warnings as users read them. */
    List<String> advice() {
      return warnings.stream().map(w -> Checking.describe(read.stack(), w)).toList();
    }
  }

  private final Policies policies;
  private final AppTarget target;

  CheckStage(Policies policies, AppTarget target) {
    this.policies = policies;
    this.target = target;
  }

  @Override
  public Step step() {
    return Step.CHECK;
  }

  @Override
  public Next<Checked<D>> apply(ReadStage.Read<D> in) throws StepFailure {
    List<Violation> warnings = new Checking(policies).check(new Checking.Input(in.read().stack(), target.application())).warnings();
    Checked<D> checked = new Checked<>(in.known(), in.decided(), in.read(), warnings);
    return Next.go(checked.with(in.known().warned(checked.advice())));
  }
}
