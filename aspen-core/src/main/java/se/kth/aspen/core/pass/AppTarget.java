package se.kth.aspen.core.pass;

import java.nio.file.Path;
import java.util.Objects;
import se.kth.aspen.core.port.TargetKey;

/**
 * One application's stack for one cluster, as found in the registry.
 *
 * @param application the stack file's grandparent directory name; also the Swarm stack name
 * @param cluster the stack file's parent directory name ({@code active}, {@code stage})
 * @param directory the stack file's directory, absolute, inside the registry snapshot
 * @param stackPath the stack file's path relative to the registry root, '/'-separated
 *     ({@code team/app-a/active/docker-stack.yml}); the key state is kept under
 */
public record AppTarget(String application, String cluster, Path directory, String stackPath) {

  public AppTarget {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(stackPath, "stackPath");
    if (application.isBlank() || cluster.isBlank()) {
      throw new IllegalArgumentException("an app target needs an application and a cluster: " + stackPath);
    }
  }

  /** The stack file itself. */
  public Path stackFile() {
    return directory.resolve("docker-stack.yml");
  }

  /** The key the state store keeps this target's records under. */
  public TargetKey key(String group) {
    return new TargetKey(group, cluster, stackPath);
  }

  // Written out, with the values a record's own would give: the generated ones go through method
  // handles, which the quick compiler the launcher keeps does not fold away, and a pass compares
  // and hashes every target several times (the pass's maps, the status page's last results).
  @Override
  public boolean equals(Object other) {
    return other instanceof AppTarget t && application.equals(t.application) && cluster.equals(t.cluster)
        && stackPath.equals(t.stackPath) && directory.equals(t.directory);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * application.hashCode() + cluster.hashCode()) + directory.hashCode()) + stackPath.hashCode();
  }

  @Override
  public String toString() {
    return cluster + "/" + application;
  }
}
