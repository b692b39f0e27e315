package se.kth.aspen.redis;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import se.kth.aspen.core.port.LeaseHolder;

/**
 * What a lease key holds: {@code <random token> <taken at, ISO-8601> <runner>}. Only the holder
 * knows the whole value, which the scripts compare; the rest is there for a runner refused the
 * lease to say who has it. A bare token (written by an older runner) names nobody.
 */
final class LeaseValue {

  private LeaseValue() {}

  static String of(String token, Instant takenAt, String runner) {
    return runner.isEmpty() ? token + " " + takenAt : token + " " + takenAt + " " + runner;
  }

  static LeaseHolder holder(String value) {
    String[] parts = value.split(" ", 3);
    Optional<Instant> since = Optional.empty();
    if (parts.length >= 2) {
      try {
        since = Optional.of(Instant.parse(parts[1]));
      } catch (DateTimeParseException e) {
        // not a value this class wrote: the time is unknown
      }
    }
    Optional<String> runner = parts.length == 3 && !parts[2].isBlank() ? Optional.of(parts[2]) : Optional.empty();
    return new LeaseHolder(runner, since);
  }
}
