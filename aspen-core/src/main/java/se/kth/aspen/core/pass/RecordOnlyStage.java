package se.kth.aspen.core.pass;

import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.port.DeployRecord;

/**
 * Record without deploying: a changed target's fingerprint is recorded as deployed. An adopting
 * pass records what the cluster was found to run ({@link #adopting}: ADOPTED, and that record is
 * the result's last deploy); a {@code SKIP_DEPLOYMENT} pass records what git wants
 * ({@link #skippingDeployment}: CHANGED, the result still showing the deploy before it).
 */
final class RecordOnlyStage implements Stage<CheckStage.Checked<DecideStage.Decided>, Finished> {

  private final TargetContext context;
  private final AppStatus outcome;

  private RecordOnlyStage(TargetContext context, AppStatus outcome) {
    this.context = context;
    this.outcome = outcome;
  }

  static RecordOnlyStage adopting(TargetContext context) {
    return new RecordOnlyStage(context, AppStatus.ADOPTED);
  }

  static RecordOnlyStage skippingDeployment(TargetContext context) {
    return new RecordOnlyStage(context, AppStatus.CHANGED);
  }

  @Override
  public Step step() {
    return Step.RECORD;
  }

  @Override
  public Next<Finished> apply(CheckStage.Checked<DecideStage.Decided> in) throws StepFailure {
    PassContext pass = context.pass();
    Map<String, String> planned = Recording.texts(in.read().images());
    DeployRecord record = new DeployRecord(in.decided().fingerprint().hex(), pass.clock().instant(), planned, pass.revision());
    pass.recording().adopted(context.key(), record);
    Known known = outcome == AppStatus.ADOPTED ? in.known().recorded(Optional.of(record)) : in.known();
    return Next.done(known.result(outcome, Optional.empty(), Optional.empty(), planned));
  }
}
