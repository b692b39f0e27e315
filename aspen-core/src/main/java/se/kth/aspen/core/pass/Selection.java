package se.kth.aspen.core.pass;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterList;

/**
 * Select: whether a target is for this pass. Its cluster must be known to the cluster directory
 * and, when {@code CLUSTERS_TO_DEPLOY} is set, selected; its application must not be in {@code
 * EXCLUDED_APPS}.
 */
final class Selection {


  /** The target and what the pass knows about clusters. */
  record Input(AppTarget target, ClusterList clusters, Set<String> selected, Set<String> excluded) {}

  /** The cluster to deploy to, or why the target is skipped. */
  record Output(Optional<Cluster> cluster, Optional<String> skipReason) {}

  Output select(Input in) {
    AppTarget target = in.target();
    if (in.excluded().contains(target.application())) {
      return skip("application " + target.application() + " is excluded (EXCLUDED_APPS)");
    }
    if (!in.selected().isEmpty() && !in.selected().contains(target.cluster())) {
      return skip("cluster " + target.cluster() + " is not selected (CLUSTERS_TO_DEPLOY)");
    }
    Optional<Cluster> cluster = in.clusters().named(target.cluster());
    if (cluster.isEmpty()) {
      return skip("cluster " + target.cluster() + " is not in the cluster directory");
    }
    return new Output(cluster, Optional.empty());
  }

  private static Output skip(String reason) {
    return new Output(Optional.empty(), Optional.of(reason));
  }

  /** Pass-level warnings: selected clusters the directory does not know. */
  static List<String> missingSelected(Set<String> selected, ClusterList clusters) {
    List<String> problems = new ArrayList<>();
    for (String name : new TreeSet<>(selected)) {
      if (clusters.named(name).isEmpty()) {
        problems.add("cluster " + name + " is selected (CLUSTERS_TO_DEPLOY) but not in the cluster directory");
      }
    }
    return problems;
  }
}
