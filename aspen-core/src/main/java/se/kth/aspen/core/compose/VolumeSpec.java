package se.kth.aspen.core.compose;

import java.util.Map;
import java.util.Optional;

/** A top-level named volume. */
public record VolumeSpec(
    Optional<String> name,
    boolean external,
    Optional<String> driver,
    Map<String, String> driverOpts,
    Map<String, String> labels) {

  public VolumeSpec {
    driverOpts = Map.copyOf(driverOpts);
    labels = Map.copyOf(labels);
  }
}
