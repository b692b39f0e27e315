package se.kth.aspen.core.port;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The clusters known to the directory.
 *
 * @param staleBecause present when this is the last good list, because the directory could not
 *     be read now; says why
 */
public record ClusterList(List<Cluster> clusters, Optional<String> staleBecause) {

  public ClusterList {
    clusters = List.copyOf(clusters);
    Objects.requireNonNull(staleBecause, "staleBecause");
  }

  public static ClusterList of(List<Cluster> clusters) {
    return new ClusterList(clusters, Optional.empty());
  }

  public Optional<Cluster> named(String name) {
    return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
