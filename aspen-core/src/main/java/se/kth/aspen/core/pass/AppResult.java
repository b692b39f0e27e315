package se.kth.aspen.core.pass;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.TreeMap;
import se.kth.aspen.core.port.LeaseHolder;

/**
 * The outcome for one target in one pass.
 *
 * @param step the step that failed or skipped ({@code Select}, {@code Read}, {@code
 *     ResourcePolicy}, {@code Resolve}, {@code Unlock}, {@code Deploy}, {@code Verify}...); for a
 *     BLOCKED target the step that failed originally
 * @param reason why it was skipped, failed or blocked, in words a user can act on
 * @param images by service name (sorted), the image reference deployed or to be deployed
 * @param failure the kind of failure, present exactly when FAILED
 * @param blockedSince when the blocked desired state first failed, present exactly when BLOCKED
 * @param heldBy the runner holding the target's lease, and since when, present exactly when HELD
 * @param rolledBack services put back on their previous spec by a whole-stack rollback
 * @param warnings things worth telling that did not stop the target (keys Swarm ignores...)
 * @param lastDeploy when the target's running state was last deployed (or adopted), and from which
 *     revision of the registry; empty when nothing is recorded or the state could not be read
 */
public record AppResult(
    AppTarget target,
    AppStatus status,
    Optional<String> step,
    Optional<String> reason,
    SequencedMap<String, String> images,
    Duration duration,
    Optional<FailureKind> failure,
    Optional<Instant> blockedSince,
    Optional<LeaseHolder> heldBy,
    List<String> rolledBack,
    List<String> warnings,
    Optional<LastDeploy> lastDeploy) {

  /** When a target's running state was deployed, and the registry revision it came from. */
  public record LastDeploy(Instant at, String revision) {
    public LastDeploy {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(revision, "revision");
    }
  }

  /** A result that says nothing about the last deploy. */
  public AppResult(AppTarget target, AppStatus status, Optional<String> step, Optional<String> reason,
      SequencedMap<String, String> images, Duration duration, Optional<FailureKind> failure, Optional<Instant> blockedSince,
      Optional<LeaseHolder> heldBy, List<String> rolledBack, List<String> warnings) {
    this(target, status, step, reason, images, duration, failure, blockedSince, heldBy, rolledBack, warnings, Optional.empty());
  }

  public AppResult {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(reason, "reason");
    images = Collections.unmodifiableSequencedMap(new TreeMap<>(images));
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(blockedSince, "blockedSince");
    Objects.requireNonNull(heldBy, "heldBy");
    rolledBack = List.copyOf(rolledBack);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(lastDeploy, "lastDeploy");
    if (failure.isPresent() != (status == AppStatus.FAILED)) {
      throw new IllegalArgumentException("a failure kind is given exactly for FAILED, got " + status);
    }
    if (blockedSince.isPresent() != (status == AppStatus.BLOCKED)) {
      throw new IllegalArgumentException("blockedSince is given exactly for BLOCKED, got " + status);
    }
    if (heldBy.isPresent() != (status == AppStatus.HELD)) {
      throw new IllegalArgumentException("heldBy is given exactly for HELD, got " + status);
    }
  }

  public static AppResult skipped(AppTarget target, String step, String reason) {
    return new AppResult(target, AppStatus.SKIPPED, Optional.of(step), Optional.of(reason),
        new TreeMap<>(), Duration.ZERO, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of());
  }

  public static AppResult failed(AppTarget target, FailureKind kind, String step, String reason) {
    return new AppResult(target, AppStatus.FAILED, Optional.of(step), Optional.of(reason),
        new TreeMap<>(), Duration.ZERO, Optional.of(kind), Optional.empty(), Optional.empty(), List.of(), List.of());
  }

  /** The same result, taking {@code took}. */
  public AppResult took(Duration took) {
    return new AppResult(target, status, step, reason, images, took, failure, blockedSince, heldBy, rolledBack, warnings,
        lastDeploy);
  }

  /** True for a failure that nobody could have avoided by waiting: see {@link FailureKind}. */
  public boolean couldNotTry() {
    return failure.filter(k -> k == FailureKind.COULD_NOT_TRY).isPresent();
  }

  /** True when the cluster was changed and the result was bad. */
  public boolean triedAndFailed() {
    return failure.filter(k -> k == FailureKind.TRIED_AND_FAILED).isPresent();
  }
}
