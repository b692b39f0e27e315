package se.kth.aspen.core.pass;

import se.kth.aspen.core.port.TargetState;

/**
 * Decide again, under the lease: the state is read afresh, since another runner may have
 * deployed or failed this very state between the first decision and the lease. A target that
 * goes on only to put a drift back goes on while it is still unchanged.
 */
final class RedecideStage implements Stage<LeaseStage.Leased, RedecideStage.Redecided> {

  /** @param before the recorded state the deploy starts from */
  record Redecided(Known known, CheckStage.Checked<DecideStage.Decided> checked, Leasing.Held lease, TargetState before) implements Progress {}

  private final TargetContext context;

  RedecideStage(TargetContext context) {
    this.context = context;
  }

  @Override
  public Step step() {
    return Step.DECIDE;
  }

  @Override
  public Next<Redecided> apply(LeaseStage.Leased in) throws StepFailure {
    TargetState before = context.state(Step.DECIDE);
    Known known = in.known().recorded(before.lastGood());
    boolean revertingDrift = in.checked().decided().drift().isPresent();
    return switch (DecideStage.settle(context, known, in.checked().decided().fingerprint(), before)) {
      case Next.Go<Known> go -> Next.go(new Redecided(go.input(), in.checked(), in.lease(), before));
      case Next.Done<Known> done when revertingDrift && done.result().status() == AppStatus.UNCHANGED ->
          Next.go(new Redecided(known, in.checked(), in.lease(), before));
      case Next.Done<Known> done -> {
        if (done.result().status() == AppStatus.UNCHANGED) {
          context.pass().recording().unchanged(context.target(), context.key());
        }
        yield Next.done(done.result());
      }
    };
  }
}
