package se.kth.aspen.core.pass;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.compose.StackSource;
import se.kth.aspen.core.fingerprint.Fingerprint;
import se.kth.aspen.core.port.ClusterInventory;
import se.kth.aspen.core.port.TargetState;

/**
 * Decide: the fingerprint against the recorded state ({@link Decision}). UNCHANGED and BLOCKED
 * finish the target here; an unchanged target whose services drifted is DRIFTED, or goes on to
 * be deployed again when its drift policy is revert. The state comes from the pass's read-ahead
 * when it has it.
 */
final class DecideStage implements Stage<ResolveStage.Resolved, DecideStage.Decided> {

  /** @param drift the drift a deploy of this target puts back, when that is why it goes on */
  record Decided(Known known, Fingerprint fingerprint, Optional<StackSource> source, Map<String, String> variables,
      Optional<DriftCheck.Found> drift) implements ReadStage.StackToRead {}

  private final TargetContext context;

  DecideStage(TargetContext context) {
    this.context = context;
  }

  @Override
  public Step step() {
    return Step.DECIDE;
  }

  @Override
  public Next<Decided> apply(ResolveStage.Resolved in) throws StepFailure {
    PassContext pass = context.pass();
    Fingerprint fp = pass.memory().fingerprint(context.target(), in.digest(), context.cluster().endpoint().toString(),
        context.cluster().portilloCluster(), in.resolved());
    TargetState ahead = pass.states().get(context.key());
    TargetState before = ahead != null ? ahead : context.state(Step.DECIDE);
    Known known = in.known().decided(fp.hex(), before.lastGood());
    switch (settle(context, known, fp, before)) {
      case Next.Go<Known> go -> {
        return Next.go(new Decided(go.input(), fp, in.source(), in.variables(), Optional.empty()));
      }
      case Next.Done<Known> done when done.result().status() != AppStatus.UNCHANGED -> {
        return Next.done(done.result());
      }
      case Next.Done<Known> unchanged -> {
        Optional<DriftCheck.Found> drift = drift(before);
        if (drift.isEmpty()) {
          // Only an app that runs what was deployed has no error left; a drifted one keeps its drift's mark.
          pass.recording().unchanged(context.target(), context.key());
          return Next.done(unchanged.result());
        }
        if (drift.get().policy() == DriftPolicy.REPORT || pass.mode() == PassMode.PLAN) {
          return Next.done(drifted(known, drift.get(), unchanged.result()));
        }
        return Next.go(new Decided(known, fp, in.source(), in.variables(), drift));
      }
    }
  }

  /**
   * UNCHANGED or BLOCKED when the recorded state says so; else what is known, with the earlier
   * failure of this state when it is tried again.
   */
  static Next<Known> settle(TargetContext context, Known known, Fingerprint fp, TargetState state) {
    PassSettings settings = context.pass().settings();
    Decision.Output decision = new Decision().decide(new Decision.Input(fp, state, context.pass().clock().instant(),
        settings.failedRetryBackoff(), settings.failedRetryBackoffCap()));
    return switch (decision.verdict()) {
      case UNCHANGED -> Next.done(known.result(AppStatus.UNCHANGED, Optional.empty(), Optional.empty(),
          state.lastGood().orElseThrow().images()));
      case BLOCKED -> {
        var failed = decision.failure().orElseThrow();
        String reason = failed.reason() + " (this desired state failed " + failed.attempts() + " time"
            + (failed.attempts() == 1 ? "" : "s") + ", first at " + failed.since() + "; not applied again until the stack or "
            + "its resolved images change, or a retry is asked for"
            + decision.nextTry().map(t -> ", or until " + t).orElse("") + ")";
        yield Next.done(known.result(AppStatus.BLOCKED, Optional.of(failed.step()), Optional.of(reason), Map.of(),
            Optional.empty(), Optional.of(failed.since()), Optional.empty(), List.of()));
      }
      case RETRY -> Next.go(known.retrying(decision.failure()));
      case CHANGED -> Next.go(known.retrying(Optional.empty()));
    };
  }

  /** The drift of an unchanged target, when its cluster was listed this pass. */
  private Optional<DriftCheck.Found> drift(TargetState state) {
    ClusterInventory inventory = context.pass().inventories().join().get(context.cluster().name());
    if (inventory == null || state.lastGood().isEmpty()) {
      return Optional.empty();
    }
    PassSettings settings = context.pass().settings();
    return DriftCheck.check(inventory, context.target().application(), settings.group(), state.lastGood().get(),
        settings.driftPolicy());
  }

  /** DRIFTED, announced once per drift unless only planned. */
  private AppResult drifted(Known known, DriftCheck.Found found, AppResult unchanged) {
    String reason = (found.policy() == DriftPolicy.REVERT ? "drift (a deploy would revert it): " : "drift: ") + found.describe();
    if (context.pass().mode() != PassMode.PLAN) {
      context.pass().recording().drift(context.target(), context.key(), found.differences());
    }
    return known.result(AppStatus.DRIFTED, Optional.of(Step.DRIFT.shown()), Optional.of(reason), unchanged.images());
  }
}
