package se.kth.aspen.core.port;

import java.util.Objects;

/**
 * One Swarm cluster.
 *
 * @param name the key that matches {@code <cluster>} directories in the registry ({@code
 *     active}, {@code stage}): the directory's {@code status} field when present, else {@code
 *     name}
 * @param endpoint where its Docker engine (a manager) answers
 * @param preparing true while the cluster is being prepared ({@code preparing} in the cluster status document)
 */
public record Cluster(String name, ClusterEndpoint endpoint, boolean preparing) {

  public Cluster {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a cluster needs a name");
    }
  }

  /** The value of {@code PORTILLO_CLUSTER} for stacks on this cluster. */
  public String portilloCluster() {
    return preparing ? "preparing-" + name : name;
  }
}
