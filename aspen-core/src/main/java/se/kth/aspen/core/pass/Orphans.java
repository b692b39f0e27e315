package se.kth.aspen.core.pass;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterInventory;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.LiveStack;
import se.kth.aspen.core.port.Orchestrator;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;

/**
 * Orphans: this group's stacks on a listed cluster with no {@code <app>/<cluster>} directory in
 * the revision. A stack is this group's when its services carry the group's label, or, for a
 * stack deployed or adopted before Aspen labelled its stacks (by the old tool, or an older
 * Aspen), when it carries no group's label at all and the group's state has a record of its app
 * on that cluster. Any other stack is never reported or touched.
 *
 * <p>One is removed only when PRUNE is on, by a deploying pass, once it has been an orphan for
 * PRUNE_GRACE: a bad commit that drops directories must not take production with it at once.
 * Its records are then forgotten, so a directory that comes back deploys again. When an orphan
 * was first seen is remembered by this instance only (kept as long as the {@link Pass}), so a
 * restart makes the grace start again rather than end early.
 *
 * <p>Passes of one {@link Pass} can overlap (a pushed image's pass beside a pass over all): their
 * searches run one at a time, and a stack removed by one after another listed its cluster is
 * left out of that other's search, which would otherwise remove it again and report it anew.
 */
final class Orphans {

  /** How the problem of a cluster whose unlabelled stacks could not be checked starts. */
  static final String NOT_CHECKED = "orphans could not be checked on cluster ";

  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
  /**
   * The stacks removed, by {@code cluster/stack}, each with the count of removals it made: a pass
   * that took {@link #removalsSoFar()} before that knows its listing may still show the stack.
   * One entry per stack pruned in the process's life: few.
   */
  private final Map<String, Long> removedAs = new ConcurrentHashMap<>();
  private final AtomicLong removals = new AtomicLong();

  /** What a search needs besides the pass's clusters. */
  record Ports(Orchestrator orchestrator, StateStore state) {}

  /**
   * @param inventories the clusters listed this pass, by name
   * @param clusters the same clusters
   * @param inGit the application names that have a directory, by cluster name
   * @param listedAfterRemovals {@link #removalsSoFar()} as it was before the clusters were listed
   * @param problems where a cluster whose unlabelled stacks could not be checked is told
   */
  synchronized List<Orphan> find(Map<String, ClusterInventory> inventories, Map<String, Cluster> clusters,
      Map<String, Set<String>> inGit, Ports ports, PassSettings settings, PassMode mode, Instant now,
      long listedAfterRemovals, List<String> problems) {
    List<Orphan> found = new ArrayList<>();
    Set<String> still = new HashSet<>();
    for (var entry : inventories.entrySet()) {
      String cluster = entry.getKey();
      Set<String> apps = inGit.getOrDefault(cluster, Set.of());
      Records records = new Records(ports.state(), settings.group(), cluster);
      for (LiveStack stack : entry.getValue().stacks().values()) {
        if (apps.contains(stack.name()) || !ours(stack, cluster, settings.group(), records, problems)) {
          continue;
        }
        String key = cluster + "/" + stack.name();
        if (removedAs.getOrDefault(key, 0L) > listedAfterRemovals) {
          continue;
        }
        still.add(key);
        Instant since = firstSeen.computeIfAbsent(key, k -> now);
        found.add(decide(cluster, stack.name(), since, clusters.get(cluster), ports.orchestrator(), records, settings, mode, now));
      }
    }
    // Only clusters listed this pass are forgotten: one that could not be listed keeps its count.
    firstSeen.keySet().removeIf(key -> inventories.containsKey(key.substring(0, key.indexOf('/'))) && !still.contains(key));
    return found;
  }

  /** How many stacks this instance removed so far; see {@link #find}. */
  long removalsSoFar() {
    return removals.get();
  }

  private static boolean ours(LiveStack stack, String cluster, String group, Records records, List<String> problems) {
    if (stack.deployedBy(group, cluster)) {
      return true;
    }
    if (stack.managedBy().isPresent()) {
      return false;
    }
    try {
      return records.applications().contains(stack.name());
    } catch (PortException e) {
      if (records.firstFailure()) {
        problems.add(NOT_CHECKED + cluster + ": the stacks without Aspen's label could not be looked up in its state: "
            + e.getMessage());
      }
      return false;
    }
  }

  private Orphan decide(String cluster, String stack, Instant since, Cluster where, Orchestrator orchestrator,
      Records records, PassSettings settings, PassMode mode, Instant now) {
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
    } catch (PortException | RuntimeException e) {
      return new Orphan(cluster, stack, since, false, Optional.of("removing it failed: " + e.getMessage()));
    }
    firstSeen.remove(cluster + "/" + stack);
    removedAs.put(cluster + "/" + stack, removals.incrementAndGet());
    try {
      records.forget(stack);
      return new Orphan(cluster, stack, since, true, Optional.empty());
    } catch (PortException | RuntimeException e) {
      return new Orphan(cluster, stack, since, true, Optional.of("removed, but its record could not be forgotten "
          + "(a directory that comes back may not deploy until it changes): " + e.getMessage()));
    }
  }

  /**
   * The group's records of one cluster, listed at most once per pass and only when needed: for a
   * stack without any group's label, or to forget a removed stack's records.
   */
  private static final class Records {

    private final StateStore state;
    private final String group;
    private final String cluster;
    private Set<String> paths;
    private boolean failed;

    Records(StateStore state, String group, String cluster) {
      this.state = state;
      this.group = group;
      this.cluster = cluster;
    }

    Set<String> applications() throws PortException {
      Set<String> apps = new HashSet<>();
      for (String path : paths()) {
        applicationOf(path).ifPresent(apps::add);
      }
      return apps;
    }

    /** Whether this is the first failure to list them (the problem is told once per cluster). */
    boolean firstFailure() {
      boolean first = !failed;
      failed = true;
      return first;
    }

    void forget(String stack) throws PortException {
      for (String path : paths()) {
        if (applicationOf(path).filter(stack::equals).isPresent()) {
          state.forget(new TargetKey(group, cluster, path));
        }
      }
    }

    private Set<String> paths() throws PortException {
      if (paths == null) {
        paths = state.recordedStackPaths(group, cluster);
      }
      return paths;
    }

    /** {@code team/app/active/docker-stack.yml} gives {@code app}: the stack file's grandparent directory. */
    private static Optional<String> applicationOf(String stackPath) {
      String[] parts = stackPath.split("/");
      return parts.length < 3 ? Optional.empty() : Optional.of(parts[parts.length - 3]);
    }
  }
}
