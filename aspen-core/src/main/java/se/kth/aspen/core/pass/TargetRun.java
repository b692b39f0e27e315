package se.kth.aspen.core.pass;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackSource;
import se.kth.aspen.core.fingerprint.Fingerprint;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.ImageReference;
import se.kth.aspen.core.port.Lease;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

/**
 * One target through the stages, cheapest first: hash, (parse and resolve only when the stack's
 * images name variables), decide, and only for a changed target read, check, unlock, deploy,
 * verify and record. Every way out is an {@link AppResult}.
 */
final class TargetRun {

  private final PassContext pass;
  private final AppTarget target;
  private final Cluster cluster;
  private final TargetKey key;
  private final Deadline deadline;
  private final Instant started;
  private String step = Hashing.STEP;
  private Optional<String> fingerprint = Optional.empty();
  private Optional<StackModel> stack = Optional.empty();
  private Optional<se.kth.aspen.core.port.FailureRecord> retried = Optional.empty();
  private final List<String> warnings = new ArrayList<>();

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
    Optional<StackSource> source = Optional.empty();
    PassMemory.Hashed hashed = pass.memory().hashed(target).orElse(null);
    if (hashed == null) {
      Hashing.Output fresh = new Hashing(pass.memory().digests(), pass.tree()).hash(new Hashing.Input(target));
      step = Reading.STEP;
      source = fresh.imagesNameVariables() ? Optional.of(reading.parse(target)) : Optional.empty();
      hashed = new PassMemory.Hashed(fresh.digest(), source.map(StackSource::versionRequests).orElse(List.of()));
      pass.memory().remember(target, hashed, pass.snapshot());
    }

    step = Resolution.STEP;
    Map<String, String> fixed = Map.of("APPLICATION_NAME", target.application(), "PORTILLO_CLUSTER", cluster.portilloCluster());
    Map<String, String> resolved = new Resolution(pass.tags())
        .resolve(new Resolution.Input(hashed.versionRequests(), fixed, deadline)).resolved();

    step = "Decide";
    Fingerprint fp = Fingerprint.of(hashed.digest(), cluster.endpoint().toString(), cluster.portilloCluster(), resolved);
    fingerprint = Optional.of(fp.hex());
    TargetState before = readState();
    Decision.Output decision = new Decision().decide(new Decision.Input(fp, before, clock.instant(),
        pass.settings().failedRetryBackoff(), pass.settings().failedRetryBackoffCap()));
    switch (decision.verdict()) {
      case UNCHANGED -> {
        return result(AppStatus.UNCHANGED, Optional.empty(), Optional.empty(), before.lastGood().orElseThrow().images(),
            Optional.empty(), Optional.empty(), List.of());
      }
      case BLOCKED -> {
        var failed = decision.failure().orElseThrow();
        String reason = failed.reason() + " (this desired state failed " + failed.attempts() + " time"
            + (failed.attempts() == 1 ? "" : "s") + ", first at " + failed.since() + "; not applied again until the stack or "
            + "its resolved images change, or a retry is asked for"
            + decision.nextTry().map(t -> ", or until " + t).orElse("") + ")";
        return result(AppStatus.BLOCKED, Optional.of(failed.step()), Optional.of(reason), Map.of(), Optional.empty(),
            Optional.of(failed.since()), List.of());
      }
      case RETRY -> retried = decision.failure();
      case CHANGED -> { }
    }

    step = Reading.STEP;
    Map<String, String> variables = new java.util.HashMap<>(fixed);
    variables.putAll(resolved);
    Reading.Output read = reading.read(new Reading.Input(target, source.isPresent() ? source.get() : reading.parse(target), variables));
    stack = Optional.of(read.stack());
    warnings.addAll(Reading.warnings(read.stack()));

    step = "Check";
    new Checking(pass.policies()).check(new Checking.Input(read.stack(), target.application()));

    Map<String, String> planned = Recording.texts(read.images());
    if (pass.mode() == PassMode.PLAN) {
      return result(AppStatus.CHANGED, Optional.empty(), Optional.empty(), planned, Optional.empty(), Optional.empty(), List.of());
    }
    if (pass.mode() == PassMode.RECORD_ONLY) {
      pass.recording().adopted(key, new DeployRecord(fp.hex(), clock.instant(), planned, pass.revision())).ifPresent(warnings::add);
      return result(AppStatus.CHANGED, Optional.empty(), Optional.empty(), planned, Optional.empty(), Optional.empty(), List.of());
    }

    step = "Lease";
    Lease lease = lease();
    try {
      step = Unlocking.STEP;
      Unlocking.Output unlocked = new Unlocking(pass.ports().secrets()).unlock(new Unlocking.Input(target, read.stack()));

      step = Resolution.STEP;
      Map<String, ImageReference> images = Deploying.pinned(read.images(), pass.digests(), deadline);

      step = Deploying.DEPLOY;
      DeployRequest request = new DeployRequest(cluster, target.application(), read.stack(), target.directory(), images,
          unlocked.environment(), unlocked.files(), pass.settings().prune());
      new Deploying(pass.ports().orchestrator()).deploy(new Deploying.Input(request, pass.settings().verify(),
          rollbackOnFailure(read.stack()), deadline));

      step = "Record";
      Map<String, String> deployed = Recording.texts(images);
      pass.recording().success(target, key, new DeployRecord(fp.hex(), clock.instant(), deployed, pass.revision()),
          before, read.stack(), images).ifPresent(warnings::add);
      return result(AppStatus.DEPLOYED, Optional.empty(), Optional.empty(), deployed, Optional.empty(), Optional.empty(), List.of());
    } finally {
      release(lease);
    }
  }

  private TargetState readState() throws StepFailure {
    try {
      return pass.ports().state().read(key);
    } catch (PortException e) {
      throw new StepFailure(step, FailureKind.COULD_NOT_TRY, "reading the state of " + target + ": " + e.getMessage(), e);
    }
  }

  private Lease lease() throws StepFailure {
    try {
      return pass.ports().state().tryLease(key, pass.settings().targetTimeout().plusMinutes(1))
          .orElseThrow(() -> StepFailure.quiet(step, FailureKind.COULD_NOT_TRY,
              "another runner is deploying " + target + " (its lease is held); tried again next pass"));
    } catch (PortException e) {
      throw new StepFailure(step, FailureKind.COULD_NOT_TRY, "taking the lease of " + target + ": " + e.getMessage(), e);
    }
  }

  private void release(Lease lease) {
    try {
      pass.ports().state().release(lease);
    } catch (PortException | RuntimeException e) {
      warnings.add("the lease was not released (it expires on its own): " + e.getMessage());
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
    boolean announce = pass.mode() != PassMode.PLAN && failure.announce();
    if (pass.mode() != PassMode.PLAN) {
      pass.recording().failure(target, key, failure, fingerprint, retried, stack, announce).ifPresent(warnings::add);
    }
    String reason = failure.reason();
    if (!rolledBack.isEmpty()) {
      reason += "; rolled back " + String.join(", ", rolledBack) + " to their previous spec";
    }
    return result(AppStatus.FAILED, Optional.of(failure.step()), Optional.of(reason), Map.of(), Optional.of(failure.kind()),
        Optional.empty(), rolledBack);
  }

  private AppResult result(AppStatus status, Optional<String> resultStep, Optional<String> reason, Map<String, String> images,
      Optional<FailureKind> kind, Optional<Instant> blockedSince, List<String> rolledBack) {
    return new AppResult(target, status, resultStep, reason, new TreeMap<>(images), Duration.ZERO, kind, blockedSince,
        rolledBack, warnings);
  }

  private AppResult timed(AppResult result) {
    return result.took(Duration.between(started, pass.clock().instant()));
  }
}
