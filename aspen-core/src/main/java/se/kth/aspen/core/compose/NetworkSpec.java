package se.kth.aspen.core.compose;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A top-level network.
 *
 * @param name the {@code name:} written, used verbatim; empty means {@code <stack>_<key>}
 * @param subnets {@code ipam.config[].subnet}
 */
public record NetworkSpec(
    Optional<String> name,
    boolean external,
    Optional<String> driver,
    Map<String, String> driverOpts,
    boolean internal,
    boolean attachable,
    Map<String, String> labels,
    Optional<String> ipamDriver,
    List<String> subnets) {

  public NetworkSpec {
    driverOpts = Map.copyOf(driverOpts);
    labels = Map.copyOf(labels);
    subnets = List.copyOf(subnets);
  }
}
