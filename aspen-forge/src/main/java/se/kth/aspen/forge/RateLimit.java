package se.kth.aspen.forge;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a forge asks to be left alone after a 403 or 429: {@code Retry-After} (seconds), or a
 * spent budget ({@code X-RateLimit-Remaining: 0}, GitHub and Gitea; {@code RateLimit-Remaining: 0},
 * GitLab) until its reset time ({@code X-RateLimit-Reset}/{@code RateLimit-Reset}, epoch
 * seconds). A 403 with none of these is a refusal (a token without the right), not a limit.
 */
final class RateLimit {

  private RateLimit() {}

  /** The wait asked for, empty when the answer is no rate limit. */
  static Optional<Duration> wait(int status, HttpHeaders headers, Instant now) {
    if (status != 403 && status != 429) {
      return Optional.empty();
    }
    Optional<Long> retryAfter = number(headers, "Retry-After");
    if (retryAfter.isPresent()) {
      return Optional.of(Duration.ofSeconds(Math.max(0, retryAfter.get())));
    }
    for (String prefix : new String[] {"X-RateLimit-", "RateLimit-"}) {
      Optional<Long> remaining = number(headers, prefix + "Remaining");
      Optional<Long> reset = number(headers, prefix + "Reset");
      if (remaining.isPresent() && remaining.get() == 0 && reset.isPresent()) {
        Duration until = Duration.between(now, Instant.ofEpochSecond(reset.get()));
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      }
    }
    // A 429 always means "too many"; without a hint, the sender's own backoff decides.
    return status == 429 ? Optional.of(Duration.ZERO) : Optional.empty();
  }

  private static Optional<Long> number(HttpHeaders headers, String name) {
    try {
      return headers.firstValue(name).map(String::strip).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
