package se.kth.aspen.core.pass;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import se.kth.aspen.core.compose.ServiceOrder;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackSource;
import se.kth.aspen.core.fingerprint.Fingerprint;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterInventory;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.LeaseHolder;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.StackOwner;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

/**
 * One target through the stages, cheapest first: hash, (parse and resolve only when the stack's
 * images name variables), decide, and only for a changed target read, check, take the lease,
 * decide again under it, unlock, pin digests, deploy, verify and record. {@link #step} names the
 * {@link Step} under way, so that an unexpected failure is reported in it. Every way out is an
 * {@link AppResult}, which carries the stack file's warnings and the engine's deploy warnings.
 *
 * <p>Only the lease's owner changes the cluster or records: a target whose lease is lost (see
 * {@link Leasing}) finishes the engine call under way and ends COULD_NOT_TRY with nothing
 * recorded, and one the pass abandons past its deadline stops renewing at once.
 */
final class TargetRun {

  private final PassContext pass;
  private final AppTarget target;
  private final Cluster cluster;
  private final TargetKey key;
  private final Deadline deadline;
  private final Instant started;
  private Step step = Step.READ;
  private Optional<String> fingerprint = Optional.empty();
  private Optional<StackModel> stack = Optional.empty();
  private Optional<se.kth.aspen.core.port.FailureRecord> retried = Optional.empty();
  private Optional<DriftCheck.Found> drift = Optional.empty();
  /** What the target runs as last recorded (deployed or adopted), once the state is read. */
  private Optional<DeployRecord> lastGood = Optional.empty();
  private final List<String> warnings = new ArrayList<>();
  private final AtomicReference<Leasing.Held> held = new AtomicReference<>();
  private volatile boolean abandoned;

  TargetRun(PassContext pass, AppTarget target, Cluster cluster, Deadline deadline) {
    this.pass = pass;
    this.target = target;
    this.cluster = cluster;
    this.key = target.key(pass.settings().group());
    this.deadline = deadline;
    this.started = pass.clock().instant();
  }

  AppResult run() {
    try {
      return timed(stages());
    } catch (StepFailure failure) {
      return timed(failed(failure, List.of()));
    } catch (Deploying.Failed failed) {
      warnings.addAll(failed.warnings);
      return timed(failed(failed.failure, failed.rolledBack));
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError vm && !(vm instanceof StackOverflowError) && !(vm instanceof OutOfMemoryError)) {
        throw vm;
      }
      StepFailure internal = new StepFailure(step, FailureKind.INTERNAL,
          "unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
      return timed(failed(internal, List.of()));
    }
  }

  private AppResult stages() throws StepFailure, Deploying.Failed {
    Clock clock = pass.clock();
    Reading reading = new Reading(pass.reader());
    step = Step.READ;
    Reading.names(target);
    Optional<StackSource> source = Optional.empty();
    PassMemory.Hashed hashed = pass.memory().hashed(target).orElse(null);
    if (hashed != null) {
      source = Optional.ofNullable(pass.scouted().remove(target.stackPath()));
    } else {
      Hashing.Output fresh = new Hashing(pass.memory().digests(), pass.tree()).hash(new Hashing.Input(target));
      step = Step.READ;
      source = fresh.imagesNameVariables() ? Optional.of(reading.parse(target)) : Optional.empty();
      hashed = new PassMemory.Hashed(fresh.digest(), source.map(StackSource::versionRequests).orElse(List.of()));
      pass.memory().remember(target, hashed);
    }

    step = Step.RESOLVE;
    Map<String, String> fixed = Map.of("APPLICATION_NAME", target.application(), "PORTILLO_CLUSTER", cluster.portilloCluster());
    Map<String, String> resolved = new Resolution(pass.tags(), pass.rangeUses())
        .resolve(target, new Resolution.Input(hashed.versionRequests(), fixed, deadline)).resolved();

    step = Step.DECIDE;
    Fingerprint fp = pass.memory().fingerprint(target, hashed.digest(), cluster.endpoint().toString(),
        cluster.portilloCluster(), resolved);
    fingerprint = Optional.of(fp.hex());
    TargetState ahead = pass.states().get(key);
    TargetState before = ahead != null ? ahead : readState();
    lastGood = before.lastGood();
    Optional<AppResult> settled = settled(fp, before);
    if (settled.isPresent() && settled.get().status() == AppStatus.UNCHANGED) {
      drift = drift(before);
      if (drift.isEmpty()) {
        // Only an app that runs what was deployed has no error left; a drifted one keeps its drift's mark.
        pass.recording().unchanged(target, key);
        return settled.get();
      }
      if (drift.get().policy() == DriftPolicy.REPORT || pass.mode() == PassMode.PLAN) {
        return drifted(drift.get(), settled.get());
      }
    } else if (settled.isPresent()) {
      return settled.get();
    }

    step = Step.READ;
    Map<String, String> variables = new java.util.HashMap<>(fixed);
    variables.putAll(resolved);
    Reading.Output read = reading.read(new Reading.Input(target, source.isPresent() ? source.get() : reading.parse(target), variables));
    stack = Optional.of(read.stack());
    warnings.addAll(Reading.warnings(read.stack()));

    step = Step.CHECK;
    List<String> advice = new Checking(pass.policies()).check(new Checking.Input(read.stack(), target.application())).warnings();
    warnings.addAll(advice);

    Map<String, String> planned = Recording.texts(read.images());
    List<String> after = AppOrder.dependencies(read.stack());
    if (pass.mode() == PassMode.PLAN) {
      ServiceOrder order = ServiceOrder.of(read.stack());
      List<String> said = new ArrayList<>();
      if (order.ordered()) {
        said.add("deploy order: " + order);
      }
      if (!after.isEmpty()) {
        said.add("deployed after " + String.join(", ", after) + " (" + AppOrder.LABEL + ")");
      }
      Optional<String> ordering = said.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", said));
      return result(AppStatus.CHANGED, Optional.empty(), ordering, planned, Optional.empty(), Optional.empty(), List.of());
    }
    if (pass.mode() == PassMode.DEPLOY && !after.isEmpty()) {
      step = Step.ORDER;
      Optional<String> waiting = pass.order().await(cluster.name(), target.application(), after, deadline, warnings::add);
      if (waiting.isPresent()) {
        return result(AppStatus.SKIPPED, Optional.of(Step.ORDER.shown()), waiting, Map.of(), Optional.empty(), Optional.empty(),
            List.of());
      }
    }
    if (pass.mode() == PassMode.ADOPT) {
      step = Step.ADOPT;
      Adopting.Output compared = new Adopting(pass.ports().orchestrator(), pass.digests())
          .compare(new Adopting.Input(cluster, target.application(), read.images(), deadline));
      if (!compared.runsDesiredState()) {
        return result(AppStatus.CHANGED, Optional.empty(), Optional.of("would deploy: " + compared.wouldDeployBecause().get()),
            planned, Optional.empty(), Optional.empty(), List.of());
      }
      step = Step.RECORD;
      DeployRecord adopted = new DeployRecord(fp.hex(), clock.instant(), planned, pass.revision());
      pass.recording().adopted(key, adopted);
      lastGood = Optional.of(adopted);
      return result(AppStatus.ADOPTED, Optional.empty(), Optional.empty(), planned, Optional.empty(), Optional.empty(), List.of());
    }
    if (pass.mode() == PassMode.RECORD_ONLY) {
      step = Step.RECORD;
      pass.recording().adopted(key, new DeployRecord(fp.hex(), clock.instant(), planned, pass.revision()));
      return result(AppStatus.CHANGED, Optional.empty(), Optional.empty(), planned, Optional.empty(), Optional.empty(), List.of());
    }

    step = Step.LEASE;
    try {
      return underLease(fp, read, before, advice);
    } catch (Leasing.HeldByPeer peer) {
      return held(peer.holder(), before);
    }
  }

  private AppResult underLease(Fingerprint fp, Reading.Output read, TargetState before, List<String> advice)
      throws StepFailure, Deploying.Failed, Leasing.HeldByPeer {
    try (Leasing.Held lease = new Leasing(pass.ports().state(), pass.settings().leaseTtl()).take(key, target, warnings::add)) {
      held.set(lease);
      if (abandoned) {
        lease.abandon();
      }
      try {
        return leased(lease, fp, read, advice);
      } catch (StepFailure failure) {
        return failed(owned(lease, failure), List.of());
      } catch (Deploying.Failed failed) {
        warnings.addAll(failed.warnings);
        return failed(owned(lease, failed.failure), failed.rolledBack);
      }
    } finally {
      held.set(null);
    }
  }

  /**
   * The part done under the lease. The state is read and decided again first: another runner may
   * have deployed or failed this very state between the first read and the lease.
   */
  private AppResult leased(Leasing.Held lease, Fingerprint fp, Reading.Output read, List<String> advice)
      throws StepFailure, Deploying.Failed {
    Clock clock = pass.clock();
    step = Step.DECIDE;
    TargetState before = readState();
    lastGood = before.lastGood();
    Optional<AppResult> settled = settled(fp, before);
    if (settled.isPresent() && !(drift.isPresent() && settled.get().status() == AppStatus.UNCHANGED)) {
      if (settled.get().status() == AppStatus.UNCHANGED) {
        pass.recording().unchanged(target, key);
      }
      return settled.get();
    }

    step = Step.UNLOCK;
    Unlocking.Output unlocked = new Unlocking(pass.ports().secrets()).unlock(new Unlocking.Input(target, read.stack()));

    step = Step.RESOLVE;
    Map<String, ImageReference> images = Resolution.pin(read.images(), pass.digests(), deadline);

    step = Step.DEPLOY;
    DeployRequest request = unlocked.request(cluster, target.application(), images, pass.settings().prune())
        .owned(new StackOwner(pass.settings().group(), cluster.name(), fp.hex()));
    Deploying.Output deployed = new Deploying(pass.ports().orchestrator()).deploy(new Deploying.Input(request,
        pass.settings().verify(), rollbackOnFailure(read.stack()), deadline, lease::confirm));
    warnings.addAll(deployed.outcome().warnings());

    step = Step.RECORD;
    Optional<String> lost = lease.confirm();
    if (lost.isPresent()) {
      throw new StepFailure(step, FailureKind.COULD_NOT_TRY, "deployed and verified, but " + lost.get()
          + ": nothing recorded; tried again next pass");
    }
    Map<String, String> recorded = Recording.texts(images);
    DeployRecord deployedNow = new DeployRecord(fp.hex(), clock.instant(), recorded, pass.revision());
    pass.recording().success(target, key, deployedNow,
        before, read.stack(), images, drift.map(d -> DeploymentNotice.Reason.DRIFT), advice);
    lastGood = Optional.of(deployedNow);
    Optional<String> why = drift.map(d -> "drift reverted: " + d.describe());
    return result(AppStatus.DEPLOYED, why.map(w -> Step.DRIFT.shown()), why, recorded, Optional.empty(), Optional.empty(), List.of());
  }

  /** The drift of an unchanged target, when its cluster was listed this pass. */
  private Optional<DriftCheck.Found> drift(TargetState state) {
    ClusterInventory inventory = pass.inventories().join().get(cluster.name());
    if (inventory == null || state.lastGood().isEmpty()) {
      return Optional.empty();
    }
    return DriftCheck.check(inventory, target.application(), pass.settings().group(), state.lastGood().get(),
        pass.settings().driftPolicy());
  }

  /** DRIFTED, announced once per drift unless only planned. */
  private AppResult drifted(DriftCheck.Found found, AppResult unchanged) {
    String reason = (found.policy() == DriftPolicy.REVERT ? "drift (a deploy would revert it): " : "drift: ") + found.describe();
    if (pass.mode() != PassMode.PLAN) {
      pass.recording().drift(target, key, found.differences());
    }
    return result(AppStatus.DRIFTED, Optional.of(Step.DRIFT.shown()), Optional.of(reason), unchanged.images(), Optional.empty(),
        Optional.empty(), List.of());
  }

  /**
   * A failure that would be recorded is recorded only by the lease's owner: one whose lease is
   * gone becomes COULD_NOT_TRY, its state left to whoever holds the target now.
   */
  private StepFailure owned(Leasing.Held lease, StepFailure failure) {
    if (failure.kind() != FailureKind.TRIED_AND_FAILED) {
      return failure;
    }
    return lease.confirm()
        .map(lost -> failure.as(FailureKind.COULD_NOT_TRY, failure.reason() + "; " + lost
            + ": nothing recorded; tried again next pass"))
        .orElse(failure);
  }

  /**
   * Left to the runner that holds the lease. The images shown are the last ones recorded for the
   * target, by whichever runner deployed them: the real state until the holder records its own.
   */
  private AppResult held(LeaseHolder holder, TargetState before) {
    Map<String, String> recorded = before.lastGood().map(DeployRecord::images).orElse(Map.of());
    return new AppResult(target, AppStatus.HELD, Optional.of(Step.LEASE.shown()),
        Optional.of("being deployed by " + holder.describe() + ", which holds its lease; left to it"),
        new TreeMap<>(recorded), Duration.ZERO, Optional.empty(), Optional.empty(), Optional.of(holder), List.of(), warnings);
  }

  /** UNCHANGED or BLOCKED when the recorded state says so; empty when the target is to be deployed. */
  private Optional<AppResult> settled(Fingerprint fp, TargetState state) {
    Decision.Output decision = new Decision().decide(new Decision.Input(fp, state, pass.clock().instant(),
        pass.settings().failedRetryBackoff(), pass.settings().failedRetryBackoffCap()));
    switch (decision.verdict()) {
      case UNCHANGED -> {
        return Optional.of(result(AppStatus.UNCHANGED, Optional.empty(), Optional.empty(), state.lastGood().orElseThrow().images(),
            Optional.empty(), Optional.empty(), List.of()));
      }
      case BLOCKED -> {
        var failed = decision.failure().orElseThrow();
        String reason = failed.reason() + " (this desired state failed " + failed.attempts() + " time"
            + (failed.attempts() == 1 ? "" : "s") + ", first at " + failed.since() + "; not applied again until the stack or "
            + "its resolved images change, or a retry is asked for"
            + decision.nextTry().map(t -> ", or until " + t).orElse("") + ")";
        return Optional.of(result(AppStatus.BLOCKED, Optional.of(failed.step()), Optional.of(reason), Map.of(), Optional.empty(),
            Optional.of(failed.since()), List.of()));
      }
      case RETRY -> retried = decision.failure();
      case CHANGED -> retried = Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * The pass gave up on this target past its deadline: its lease is no longer renewed, and
   * whatever the stuck call does when it returns is not recorded.
   */
  void abandon() {
    abandoned = true;
    Leasing.Held lease = held.get();
    if (lease != null) {
      lease.abandon();
    }
  }

  private TargetState readState() throws StepFailure {
    try {
      TargetState state = pass.ports().state().read(key);
      pass.recording().outage().answered();
      return state;
    } catch (PortException e) {
      throw StepFailure.storeUnreachable(step, "reading the state of " + target + ": " + e.getMessage(), e);
    }
  }

  private boolean rollbackOnFailure(StackModel stack) {
    for (var service : stack.services().values()) {
      String label = service.labels().getOrDefault(PassSettings.ROLLBACK_LABEL, service.deployLabels().get(PassSettings.ROLLBACK_LABEL));
      if (label != null) {
        return Boolean.parseBoolean(label.strip().replace("\"", ""));
      }
    }
    return pass.settings().rollbackOnFailure();
  }

  private AppResult failed(StepFailure failure, List<String> rolledBack) {
    // Plans and adoptions only look: a failure there is reported, never recorded or announced.
    boolean looking = pass.mode() == PassMode.PLAN || pass.mode() == PassMode.ADOPT;
    boolean announce = !looking;
    if (!looking) {
      pass.recording().failure(target, key, failure, fingerprint, retried, stack, announce).ifPresent(warnings::add);
    }
    String reason = failure.reason();
    if (!rolledBack.isEmpty()) {
      reason += "; rolled back " + String.join(", ", rolledBack) + " to their previous spec";
    }
    return result(AppStatus.FAILED, Optional.of(failure.shown()), Optional.of(reason), Map.of(), Optional.of(failure.kind()),
        Optional.empty(), rolledBack);
  }

  private AppResult result(AppStatus status, Optional<String> resultStep, Optional<String> reason, Map<String, String> images,
      Optional<FailureKind> kind, Optional<Instant> blockedSince, List<String> rolledBack) {
    return new AppResult(target, status, resultStep, reason, new TreeMap<>(images), Duration.ZERO, kind, blockedSince,
        Optional.empty(), rolledBack, warnings);
  }

  /** The result with its duration, and every warning, including those of giving the lease back after it was built. */
  private AppResult timed(AppResult result) {
    return new AppResult(result.target(), result.status(), result.step(), result.reason(), result.images(),
        Duration.between(started, pass.clock().instant()), result.failure(), result.blockedSince(), result.heldBy(), result.rolledBack(), warnings,
        lastGood.map(r -> new AppResult.LastDeploy(r.at(), r.revision())));
  }
}
