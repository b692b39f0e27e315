package se.kth.aspen.core.port;

import java.util.Objects;

/**
 * What state is kept per: one application's stack on one cluster, within a management group.
 *
 * @param group {@code MANAGEMENT_RES_GRP}, so that several Aspens can share one store
 * @param cluster the cluster name
 * @param stackPath the stack file's path relative to the registry root, '/'-separated
 *     ({@code team/app-a/active/docker-stack.yml})
 */
public record TargetKey(String group, String cluster, String stackPath) {

  public TargetKey {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(stackPath, "stackPath");
  }

  // Written out, with the values a record's own would give: the generated ones go through method
  // handles, which the quick compiler the launcher keeps does not fold away, and a pass looks up
  // every target's key in several maps (its recorded states, read in one go, above all).
  @Override
  public boolean equals(Object other) {
    return other instanceof TargetKey k && stackPath.equals(k.stackPath) && cluster.equals(k.cluster) && group.equals(k.group);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * group.hashCode() + cluster.hashCode()) + stackPath.hashCode();
  }
}
