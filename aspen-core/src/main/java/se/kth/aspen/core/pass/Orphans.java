package se.kth.aspen.core.pass;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterInventory;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.LiveStack;
import se.kth.aspen.core.port.Orchestrator;
import se.kth.aspen.core.port.PortException;

/**
 * Orphans: stacks labelled as this group's on a listed cluster with no {@code <app>/<cluster>}
 * directory in the revision. Stacks not labelled as this group's are never reported or touched.
 * One is removed only when PRUNE is on, by a deploying pass, once it has been an orphan for
 * PRUNE_GRACE: a bad commit that drops directories must not take production with it at once.
 * When an orphan was first seen is remembered by this instance only (kept as long as the {@link
 * Pass}), so a restart makes the grace start again rather than end early.
 */
final class Orphans {

  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

  /**
   * @param inventories the clusters listed this pass, by name
   * @param clusters the same clusters
   * @param inGit the application names that have a directory, by cluster name
   */
  List<Orphan> find(Map<String, ClusterInventory> inventories, Map<String, Cluster> clusters, Map<String, Set<String>> inGit,
      Orchestrator orchestrator, PassSettings settings, PassMode mode, Instant now) {
    List<Orphan> found = new ArrayList<>();
    Set<String> still = new HashSet<>();
    for (var entry : inventories.entrySet()) {
      String cluster = entry.getKey();
      Set<String> apps = inGit.getOrDefault(cluster, Set.of());
      for (LiveStack stack : entry.getValue().stacks().values()) {
        if (apps.contains(stack.name()) || !stack.deployedBy(settings.group(), cluster)) {
          continue;
        }
        String key = cluster + "/" + stack.name();
        still.add(key);
        Instant since = firstSeen.computeIfAbsent(key, k -> now);
        found.add(decide(cluster, stack.name(), since, clusters.get(cluster), orchestrator, settings, mode, now));
      }
    }
    // Only clusters listed this pass are forgotten: one that could not be listed keeps its count.
    firstSeen.keySet().removeIf(key -> inventories.containsKey(key.substring(0, key.indexOf('/'))) && !still.contains(key));
    return found;
  }

  private Orphan decide(String cluster, String stack, Instant since, Cluster where, Orchestrator orchestrator,
      PassSettings settings, PassMode mode, Instant now) {
    if (!settings.prune()) {
      return new Orphan(cluster, stack, since, false, Optional.of("kept: PRUNE is off"));
    }
    Instant due = since.plus(settings.pruneGrace());
    if (now.isBefore(due)) {
      return new Orphan(cluster, stack, since, false, Optional.of("kept until " + due + " (PRUNE_GRACE)"));
    }
    if (mode != PassMode.DEPLOY) {
      return new Orphan(cluster, stack, since, false, Optional.of("a deploying pass removes it (PRUNE)"));
    }
    try {
      orchestrator.removeStack(where, stack, Deadline.in(settings.requestTimeout().multipliedBy(6)));
      firstSeen.remove(cluster + "/" + stack);
      return new Orphan(cluster, stack, since, true, Optional.empty());
    } catch (PortException | RuntimeException e) {
      return new Orphan(cluster, stack, since, false, Optional.of("removing it failed: " + e.getMessage()));
    }
  }
}
