package se.kth.aspen.core.port;

import java.time.Duration;

/**
 * A point in time by which a call must be done, on the monotonic clock.
 *
 * @param nanoTime the {@link System#nanoTime()} value at which the deadline passes
 */
public record Deadline(long nanoTime) {

  /** A deadline {@code timeout} from now. */
  public static Deadline in(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  /** What is left, never negative. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
  }

  public boolean passed() {
    return nanoTime - System.nanoTime() <= 0;
  }

  /** The earlier of this deadline and one {@code timeout} from now: for a call inside a longer task. */
  public Deadline atMost(Duration timeout) {
    Deadline other = in(timeout);
    return other.nanoTime - nanoTime < 0 ? other : this;
  }

  @Override
  public String toString() {
    return "Deadline[in " + remaining().toMillis() + " ms]";
  }
}
