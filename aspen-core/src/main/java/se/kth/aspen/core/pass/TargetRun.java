package se.kth.aspen.core.pass;

import java.time.Duration;
import java.time.Instant;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.Deadline;

/**
 * One target through its chain of stages, cheapest first; the order below is the pass's, step by
 * step (the package overview and aspen-core/README.md describe it). Each stage takes the one
 * before's output and gives the next one's input or the target's result; the {@link Chain}
 * reports a failure in the stage it was calling. Every way out is an {@link AppResult}, which
 * carries the stack file's warnings and the engine's deploy warnings.
 *
 * <p>Only the lease's owner changes the cluster or records: a target whose lease is lost (see
 * {@link Leasing}) finishes the engine call under way and ends COULD_NOT_TRY with nothing
 * recorded, and one the pass abandons past its deadline stops renewing at once. The run keeps no
 * state of its own but {@link LeaseHandle}, the one thing the pass's thread touches.
 */
final class TargetRun {

  private final TargetContext context;
  private final Instant started;
  private final LeaseHandle lease = new LeaseHandle();

  TargetRun(PassContext pass, AppTarget target, Cluster cluster, Deadline deadline) {
    this.context = new TargetContext(pass, target, cluster, deadline);
    this.started = pass.clock().instant();
  }

  AppResult run() {
    return run(false);
  }

  /** @param afterAnotherRun another pass ran the target while this one waited its turn ({@link TargetTurns}) */
  AppResult run(boolean afterAnotherRun) {
    TargetContext c = afterAnotherRun
        ? new TargetContext(context.pass().afterAnotherRun(), context.target(), context.cluster(), context.deadline())
        : context;
    return chain(c).took(Duration.between(started, context.pass().clock().instant()));
  }

  private AppResult chain(TargetContext c) {
    Failures failures = new Failures(c);
    Chain<CheckStage.Checked<DecideStage.Decided>> checked = Chain.from(Known.of(c.target()), failures)
        .then(new HashStage(c))                                   // Read: names, digest; parsed if images name variables
        .then(new ResolveStage(c))                                // Resolve: version ranges to tags
        .then(new DecideStage(c))                                 // Decide: UNCHANGED, BLOCKED, DRIFTED end here
        .then(new ReadStage<>(c.pass().reader(), c.target()))     // Read: interpolated, images parsed, paths confined
        .then(new CheckStage<>(c.pass().policies(), c.target())); // Check: the enforced policies
    return switch (c.pass().mode()) {
      case PLAN -> checked.finish(new PlanStage());               // (Check) CHANGED
      case RECORD_ONLY -> checked.finish(RecordOnlyStage.skippingDeployment(c)); // Record: CHANGED
      case ADOPT -> checked
          .then(new AdoptStage(c))                                // Adopt: does the cluster run it already?
          .finish(RecordOnlyStage.adopting(c));                   // Record: ADOPTED
      case DEPLOY -> checked
          .then(new OrderStage(c))                                // Order: after the apps it follows
          .finish(new LeaseStage(c, lease, leased -> Chain.from(leased, failures.owned(leased.lease()))
              .then(new RedecideStage(c))                         // Decide, again under the lease
              .then(new UnlockStage(c))                           // Unlock: secrets, in memory
              .then(new PinStage(c))                              // Pin: tags to digests
              .then(new DeployStage(c))                           // Deploy, Verify
              .finish(new RecordStage(c))));                      // Record: DEPLOYED
    };
  }

  /**
   * The pass gave up on this target past its deadline: its lease is no longer renewed, and
   * whatever the stuck call does when it returns is not recorded.
   */
  void abandon() {
    lease.abandon();
  }
}
