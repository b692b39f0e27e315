package se.kth.aspen.core.pass;

import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.port.DeployRecord;

/**
 * Record, for an adopting pass: the fingerprint of what the cluster was found to run is recorded
 * as deployed, without deploying or announcing anything. ADOPTED.
 */
final class AdoptRecordStage implements Stage<CheckStage.Checked<DecideStage.Decided>, Finished> {

  private final TargetContext context;

  AdoptRecordStage(TargetContext context) {
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
    DeployRecord adopted = new DeployRecord(in.decided().fingerprint().hex(), pass.clock().instant(), planned, pass.revision());
    pass.recording().adopted(context.key(), adopted);
    return Next.done(in.known().recorded(Optional.of(adopted))
        .result(AppStatus.ADOPTED, Optional.empty(), Optional.empty(), planned));
  }
}
