package se.kth.aspen.core.port;

import java.time.Duration;

/**
 * How long to wait for convergence: {@code VERIFY_START_RETRY_TIMES} checks, {@code
 * VERIFY_START_DELAY_SECS} apart.
 */
public record VerifyPolicy(int attempts, Duration delay) {

  public VerifyPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, got " + delay);
    }
  }
}
