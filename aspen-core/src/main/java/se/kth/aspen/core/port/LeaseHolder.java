package se.kth.aspen.core.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who holds a target's lease, as far as the store can tell: the runner's name (its host name,
 * or the name it was given) and when it took the lease. Either may be unknown, for a lease
 * taken by a runner that did not say.
 */
public record LeaseHolder(Optional<String> runner, Optional<Instant> since) {

  public LeaseHolder {
    Objects.requireNonNull(runner, "runner");
    Objects.requireNonNull(since, "since");
  }

  /** A holder the store cannot name. */
  public static LeaseHolder unknown() {
    return new LeaseHolder(Optional.empty(), Optional.empty());
  }

  /** "runner aspen-2 since 2026-12-03T05:00:00Z", or as much of it as is known. */
  public String describe() {
    return runner.map(r -> "runner " + r).orElse("another runner") + since.map(s -> " since " + s).orElse("");
  }
}
