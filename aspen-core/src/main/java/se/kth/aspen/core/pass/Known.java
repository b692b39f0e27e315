package se.kth.aspen.core.pass;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.LeaseHolder;

/**
 * What a target's chain knows of the target so far: all that a result, or the report of a
 * failure in whichever stage, needs. Each stage gives the next a copy with what it learnt.
 *
 * @param fingerprint the desired state, once decided
 * @param retried the earlier failure of this same state, when this run tries it again
 * @param stack the stack as read, once read (for the notices' channels)
 * @param lastGood what the target runs as last recorded (deployed or adopted), once the state is read
 * @param warnings what did not stop the target: the stack file's, the policies', the engine's...
 */
record Known(AppTarget target, Optional<String> fingerprint, Optional<FailureRecord> retried, Optional<StackModel> stack,
    Optional<DeployRecord> lastGood, List<String> warnings) implements Progress {

  Known {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(retried, "retried");
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(lastGood, "lastGood");
    warnings = List.copyOf(warnings);
  }

  /** Nothing known yet but the target. */
  static Known of(AppTarget target) {
    return new Known(target, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  @Override
  public Known known() {
    return this;
  }

  Known decided(String desired, Optional<DeployRecord> recorded) {
    return new Known(target, Optional.of(desired), retried, stack, recorded, warnings);
  }

  Known retrying(Optional<FailureRecord> failure) {
    return new Known(target, fingerprint, failure, stack, lastGood, warnings);
  }

  Known recorded(Optional<DeployRecord> recorded) {
    return new Known(target, fingerprint, retried, stack, recorded, warnings);
  }

  Known read(StackModel model) {
    return new Known(target, fingerprint, retried, Optional.of(model), lastGood, warnings);
  }

  Known warned(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new ArrayList<>(warnings);
    all.addAll(more);
    return new Known(target, fingerprint, retried, stack, lastGood, all);
  }

  /** A result that is neither FAILED, BLOCKED nor HELD. */
  AppResult result(AppStatus status, Optional<String> step, Optional<String> reason, Map<String, String> images) {
    return result(status, step, reason, images, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  /** The result with what is known: its warnings, and when what the target runs was deployed. */
  AppResult result(AppStatus status, Optional<String> step, Optional<String> reason, Map<String, String> images,
      Optional<FailureKind> kind, Optional<Instant> blockedSince, Optional<LeaseHolder> heldBy, List<String> rolledBack) {
    return new AppResult(target, status, step, reason, new TreeMap<>(images), Duration.ZERO, kind, blockedSince, heldBy,
        rolledBack, warnings, lastGood.map(r -> new AppResult.LastDeploy(r.at(), r.revision())));
  }
}
