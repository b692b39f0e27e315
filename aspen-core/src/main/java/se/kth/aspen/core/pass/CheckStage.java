package se.kth.aspen.core.pass;

import java.util.List;
import java.util.Optional;
import se.kth.aspen.core.fingerprint.Fingerprint;

/** Check: the enforced policies ({@link Checking}); their warnings join the target's. */
final class CheckStage implements Stage<ReadStage.Read, CheckStage.Checked> {

  /** @param advice the policies' warnings, each also sent as a recommendation after a deploy */
  record Checked(Known known, Fingerprint fingerprint, Reading.Output read, Optional<DriftCheck.Found> drift,
      List<String> advice) implements Progress {
    Checked {
      advice = List.copyOf(advice);
    }

    Checked with(Known more) {
      return new Checked(more, fingerprint, read, drift, advice);
    }
  }

  private final TargetContext context;

  CheckStage(TargetContext context) {
    this.context = context;
  }

  @Override
  public Step step() {
    return Step.CHECK;
  }

  @Override
  public Next<Checked> apply(ReadStage.Read in) throws StepFailure {
    List<String> advice = new Checking(context.pass().policies())
        .check(new Checking.Input(in.read().stack(), context.target().application())).warnings();
    return Next.go(new Checked(in.known().warned(advice), in.fingerprint(), in.read(), in.drift(), advice));
  }
}
