package se.kth.aspen.core.compose;

import java.util.Optional;

/** {@code deploy.resources}: limits and reservations, each empty when not written. */
public record ResourcesSpec(Optional<ResourceValues> limits, Optional<ResourceValues> reservations) {

  /**
   * @param nanoCpus {@code cpus} in billionths of a CPU ({@code "0.5"} is 500 000 000)
   * @param memoryBytes {@code memory} in bytes ({@code 64M} is 67 108 864)
   */
  public record ResourceValues(Optional<Long> nanoCpus, Optional<Long> memoryBytes, Optional<Long> pids) {}
}
