package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When Swarm stops restarting a replica whose task failed, read from the service's restart
 * policy: with condition {@code none} at the first failure; otherwise once {@code MaxAttempts}
 * restarts were made (counted within {@code Window}, when one is set); without a limit, never.
 * An absent policy is the engine's default: condition {@code any}, no limit.
 *
 * @param restarts whether a failed task is restarted at all
 * @param maxAttempts restarts before Swarm gives up; 0 for no limit
 * @param window the span restarts are counted in; zero for all of them
 */
record RestartLimit(boolean restarts, long maxAttempts, Duration window) {

  RestartLimit {
    if (maxAttempts < 0 || window.isNegative()) {
      throw new IllegalArgumentException("a restart limit counts up from 0, got " + maxAttempts + " within " + window);
    }
  }

  /** The limit of a service's {@code TaskTemplate.RestartPolicy} as the engine returns it. */
  static RestartLimit of(JsonNode policy) {
    return new RestartLimit(!policy.path("Condition").asText("any").equals("none"), policy.path("MaxAttempts").asLong(0),
        Duration.ofNanos(policy.path("Window").asLong(0)));
  }

  /** Whether Swarm gave up on one replica that has these failed tasks (oldest first). */
  boolean givesUp(List<JsonNode> failed) {
    if (failed.isEmpty()) {
      return false;
    }
    if (!restarts) {
      return true;
    }
    if (maxAttempts == 0) {
      return false;
    }
    Instant newest = timestamp(failed.getLast());
    long counted = window.isZero() ? failed.size()
        : failed.stream().filter(t -> !timestamp(t).isBefore(newest.minus(window))).count();
    // The first failure is no restart: a replica is given up at its (MaxAttempts + 1)th failure.
    return counted > maxAttempts;
  }

  private static Instant timestamp(JsonNode task) {
    return StackSnapshot.instant(task.path("Status").path("Timestamp").asText(""));
  }
}
