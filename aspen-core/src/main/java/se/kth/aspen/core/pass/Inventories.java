package se.kth.aspen.core.pass;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterInventory;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.Orchestrator;
import se.kth.aspen.core.port.PortException;

/**
 * The drift check's one listing per cluster and pass, all clusters at once: its cost does not
 * grow with the number of apps. A cluster that cannot be listed is a pass problem ("drift not
 * checked"), never "no drift"; its apps are decided as if there were no drift check.
 */
final class Inventories {

  /** How the problem of a cluster that could not be listed starts. */
  static final String NOT_CHECKED = "drift could not be checked on cluster ";

  private Inventories() {}

  static Map<String, ClusterInventory> list(Orchestrator orchestrator, Collection<Cluster> clusters, PassSettings settings,
      List<String> problems) {
    Map<String, ClusterInventory> listed = new TreeMap<>();
    if (clusters.isEmpty()) {
      return listed;
    }
    Map<String, Future<Optional<ClusterInventory>>> pending = new TreeMap<>();
    try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Cluster cluster : clusters) {
        pending.put(cluster.name(), calls.submit(() -> orchestrator.inventory(cluster, Deadline.in(settings.requestTimeout()))));
      }
      List<String> failed = new ArrayList<>();
      for (var entry : pending.entrySet()) {
        try {
          entry.getValue().get().ifPresent(inventory -> listed.put(entry.getKey(), inventory));
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          String why = cause instanceof PortException ? cause.getMessage() : String.valueOf(cause);
          failed.add(NOT_CHECKED + entry.getKey() + ": " + why);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failed.add(NOT_CHECKED + entry.getKey() + ": interrupted");
        }
      }
      problems.addAll(failed);
    }
    return listed;
  }
}
