package se.kth.aspen.core.pass;

import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.port.DeployRecord;

/**
 * Record, for a {@code SKIP_DEPLOYMENT} pass: a changed target's fingerprint is recorded as
 * deployed without deploying anything. CHANGED.
 */
final class RecordOnlyStage implements Stage<CheckStage.Checked<DecideStage.Decided>, Finished> {

  private final TargetContext context;

  RecordOnlyStage(TargetContext context) {
    this.context = context;
  }

  @Override
  public Step step() {
    return Step.RECORD;
  }

  @Override
  public Next<Finished> apply(CheckStage.Checked<DecideStage.Decided> in) throws StepFailure {
    PassContext pass = context.pass();
    Map<String, String> planned = Recording.texts(in.read().images());
    pass.recording().adopted(context.key(), new DeployRecord(in.decided().fingerprint().hex(), pass.clock().instant(), planned,
        pass.revision()));
    return Next.done(in.known().result(AppStatus.CHANGED, Optional.empty(), Optional.empty(), planned));
  }
}
