package se.kth.aspen.core.local;

import java.util.List;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterDirectory;
import se.kth.aspen.core.port.ClusterList;
import se.kth.aspen.core.port.Deadline;

/** A fixed list of clusters, from configuration: for one local swarm, tests and {@code validate}. */
public final class StaticClusterDirectory implements ClusterDirectory {

  private final ClusterList clusters;

  public StaticClusterDirectory(List<Cluster> clusters) {
    this.clusters = ClusterList.of(clusters);
  }

  @Override
  public ClusterList clusters(Deadline deadline) {
    return clusters;
  }
}
