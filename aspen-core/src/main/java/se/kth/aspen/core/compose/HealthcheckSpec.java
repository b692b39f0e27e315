package se.kth.aspen.core.compose;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A service's {@code healthcheck}.
 *
 * @param test as sent to the engine: {@code ["CMD", ...]}, {@code ["CMD-SHELL", "..."]}, or
 *     {@code ["NONE"]} for {@code disable: true}
 */
public record HealthcheckSpec(
    List<String> test,
    Optional<Duration> interval,
    Optional<Duration> timeout,
    Optional<Integer> retries,
    Optional<Duration> startPeriod) {

  public HealthcheckSpec {
    test = List.copyOf(test);
  }
}
