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

  @Override
  public String toString() {
    return cluster + "/" + application;
  }
}
