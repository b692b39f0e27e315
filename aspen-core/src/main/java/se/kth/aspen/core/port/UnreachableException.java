package se.kth.aspen.core.port;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The counterpart could not be asked: connection refused, timed out, a lease held by another
 * runner, a registry throttling its clients. Nothing changed; the next pass tries again.
 */
public final class UnreachableException extends PortException {

  private final Duration retryAfter;

  public UnreachableException(String message) {
    this(message, null, null);
  }

  public UnreachableException(String message, Throwable cause) {
    this(message, cause, null);
  }

  private UnreachableException(String message, Throwable cause, Duration retryAfter) {
    super(message, cause);
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("a retry-after wait cannot be negative: " + retryAfter);
    }
    this.retryAfter = retryAfter;
  }

  /**
   * The counterpart turned the call away for now and said when to ask again (an HTTP {@code
   * Retry-After} with a 429 or 503).
   *
   * @param retryAfter how long from now it asked to be left alone; not negative
   */
  public static UnreachableException throttled(String message, Duration retryAfter) {
    return new UnreachableException(message, null, Objects.requireNonNull(retryAfter, "retryAfter"));
  }

  /** How long from the failure the counterpart asked not to be asked again, when it said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean couldNotTry() {
    return true;
  }
}
