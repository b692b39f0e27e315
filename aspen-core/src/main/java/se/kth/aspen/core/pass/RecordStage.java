package se.kth.aspen.core.pass;

import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.DeploymentNotice;

/**
 * Record: a verified deploy becomes the target's last good record and is announced
 * ({@link Recording}), only while the lease is still this runner's. DEPLOYED.
 */
final class RecordStage implements Stage<DeployStage.Deployed, Finished> {

  private final TargetContext context;

  RecordStage(TargetContext context) {
    this.context = context;
  }

  @Override
  public Step step() {
    return Step.RECORD;
  }

  @Override
  public Next<Finished> apply(DeployStage.Deployed in) throws StepFailure {
    PassContext pass = context.pass();
    RedecideStage.Redecided decided = in.decided();
    CheckStage.Checked<DecideStage.Decided> checked = decided.checked();
    Optional<String> lost = decided.lease().confirm();
    if (lost.isPresent()) {
      throw new StepFailure(Step.RECORD, FailureKind.COULD_NOT_TRY, "deployed and verified, but " + lost.get()
          + ": nothing recorded; tried again next pass");
    }
    Map<String, String> recorded = Recording.texts(in.images());
    DeployRecord deployed = new DeployRecord(checked.decided().fingerprint().hex(), pass.clock().instant(), recorded, pass.revision());
    pass.recording().success(context.target(), context.key(), deployed, decided.before(), checked.read().stack(), in.images(),
        checked.decided().drift().map(d -> DeploymentNotice.Reason.DRIFT), checked.advice());
    Optional<String> why = checked.decided().drift().map(d -> "drift reverted: " + d.describe());
    return Next.done(in.known().recorded(Optional.of(deployed))
        .result(AppStatus.DEPLOYED, why.map(w -> Step.DRIFT.shown()), why, recorded));
  }
}
