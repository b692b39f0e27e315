package se.kth.aspen.core.port;

import java.util.Map;
import java.util.Optional;

/**
 * Every stack running on one cluster, as one listing of its services found them.
 *
 * @param stacks by stack name
 */
public record ClusterInventory(Map<String, LiveStack> stacks) {

  public ClusterInventory {
    stacks = Map.copyOf(stacks);
  }

  public Optional<LiveStack> stack(String name) {
    return Optional.ofNullable(stacks.get(name));
  }
}
