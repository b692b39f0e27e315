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
}
