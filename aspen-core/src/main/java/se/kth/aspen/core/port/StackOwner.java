package se.kth.aspen.core.port;

import java.util.Objects;

/**
 * Who deploys a stack and from which desired state: written on every service of the stack, so
 * that a later look at the cluster can tell Aspen's stacks from others and compare what runs with
 * what was deployed.
 *
 * @param group the management group ({@code MANAGEMENT_RES_GRP})
 * @param cluster the name of the cluster it is deployed to (two names may lead to one engine)
 * @param fingerprint the desired state deployed
 */
public record StackOwner(String group, String cluster, String fingerprint) {

  public StackOwner {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (group.isBlank()) {
      throw new IllegalArgumentException("the management group must not be blank");
    }
  }
}
