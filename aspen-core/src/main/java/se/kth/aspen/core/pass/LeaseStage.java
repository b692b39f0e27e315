package se.kth.aspen.core.pass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.LeaseHolder;

/**
 * Lease: the target's lease is taken ({@link Leasing}) and the rest of the chain runs under it;
 * the lease is given back on every way out. A target whose lease another runner holds is HELD,
 * left to that runner.
 */
final class LeaseStage implements Stage<CheckStage.Checked<DecideStage.Decided>, Finished> {

  /** A target under its lease: what the stages under it take first. */
  record Leased(Known known, CheckStage.Checked<DecideStage.Decided> checked, Leasing.Held lease) implements Progress {}

  private final TargetContext context;
  private final LeaseHandle handle;
  private final Function<Leased, AppResult> underLease;

  /**
   * @param handle where the pass, from another thread, finds the lease to abandon
   * @param underLease the stages run while the lease is held
   */
  LeaseStage(TargetContext context, LeaseHandle handle, Function<Leased, AppResult> underLease) {
    this.context = context;
    this.handle = handle;
    this.underLease = underLease;
  }

  @Override
  public Step step() {
    return Step.LEASE;
  }

  @Override
  public Next<Finished> apply(CheckStage.Checked<DecideStage.Decided> in) throws StepFailure {
    List<String> unreleased = new ArrayList<>();
    AppResult result;
    try (Leasing.Held lease = new Leasing(context.pass().ports().state(), context.pass().settings().leaseTtl())
        .take(context.key(), context.target(), unreleased::add)) {
      handle.hold(lease);
      try {
        result = underLease.apply(new Leased(in.known(), in, lease));
      } finally {
        handle.letGo();
      }
    } catch (Leasing.HeldByPeer peer) {
      return Next.done(held(in.known(), peer.holder()));
    }
    return Next.done(warned(result, unreleased));
  }

  /**
   * Left to the runner that holds the lease. The images shown are the last ones recorded for the
   * target, by whichever runner deployed them: the real state until the holder records its own.
   */
  private static AppResult held(Known known, LeaseHolder holder) {
    Map<String, String> recorded = known.lastGood().map(DeployRecord::images).orElse(Map.of());
    return known.result(AppStatus.HELD, Optional.of(Step.LEASE.shown()),
        Optional.of("being deployed by " + holder.describe() + ", which holds its lease; left to it"), recorded,
        Optional.empty(), Optional.empty(), Optional.of(holder), List.of());
  }

  /** The result with the warnings of giving the lease back, which come after it was built. */
  private static AppResult warned(AppResult result, List<String> more) {
    if (more.isEmpty()) {
      return result;
    }
    List<String> warnings = new ArrayList<>(result.warnings());
    warnings.addAll(more);
    return new AppResult(result.target(), result.status(), result.step(), result.reason(), result.images(), result.duration(),
        result.failure(), result.blockedSince(), result.heldBy(), result.rolledBack(), warnings, result.lastDeploy());
  }
}
