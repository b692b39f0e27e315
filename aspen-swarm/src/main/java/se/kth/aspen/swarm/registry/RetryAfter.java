package se.kth.aspen.swarm.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * A {@code Retry-After} header: whole seconds ({@code 120}) or an HTTP date ({@code Wed, 21 Oct
 * 2026 07:28:00 GMT}), as how long from now. A date already past is no wait; anything else
 * unreadable is ignored, as if the header were absent.
 */
final class RetryAfter {

  private RetryAfter() {}

  static Optional<Duration> of(List<String> values, Instant now) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    String value = values.getFirst().strip();
    if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException e) {
        // More digits than a long holds: no sane wait.
        return Optional.empty();
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
