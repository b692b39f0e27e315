package se.kth.aspen.core.pass;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import se.kth.aspen.core.compose.ServiceLabels;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.port.Deadline;

/**
 * The order of the apps of one cluster within one pass: an app whose stack names others in the
 * label {@value #LABEL} (on any service, as a service or deploy label) is deployed only once
 * each of them finished this pass DEPLOYED or UNCHANGED (or DRIFTED: it runs); any other end
 * skips it, never deploying it against a broken dependency.
 *
 * <p>What an app depends on is known only once its stack is read, so the order is found as the
 * targets run: a target waits for the results of its dependencies, starting a dependency at
 * once (on a thread of its own) when no worker took it yet, so that waiting targets never hold
 * every worker while what they wait for is still queued. A cycle of waits is found when its
 * last member starts waiting: that one is skipped and the cycle reported once per pass, which
 * ends the wait of the others (skipped in turn).
 */
final class AppOrder {

  static final String LABEL = "se.kth.aspen.dependsOn";

  private record Entry(String key, int index, AtomicBoolean claimed, CompletableFuture<AppResult> result) {}

  private final Map<String, Entry> byApp = new ConcurrentHashMap<>();
  private final Map<Integer, Entry> byIndex = new ConcurrentHashMap<>();
  /** Who waits for whom right now: waiter to dependency, guarded by {@code this}. */
  private final Map<String, String> waitsFor = new HashMap<>();
  private final Set<Set<String>> cycles = ConcurrentHashMap.newKeySet();
  private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile IntConsumer start = index -> {};

  /** The apps a stack names in {@value #LABEL}, in the order written, without duplicates. */
  static List<String> dependencies(StackModel stack) {
    Set<String> apps = new LinkedHashSet<>();
    for (ServiceSpec service : stack.services().values()) {
      for (String text : List.of(service.labels().getOrDefault(LABEL, ""), service.deployLabels().getOrDefault(LABEL, ""))) {
        apps.addAll(ServiceLabels.list(text, ","));
      }
    }
    return List.copyOf(apps);
  }

  private static String key(String cluster, String app) {
    return cluster + "/" + app;
  }

  /** A target of this pass, by its index in the pass's list. */
  void add(String cluster, String app, int index) {
    Entry entry = new Entry(key(cluster, app), index, new AtomicBoolean(), new CompletableFuture<>());
    byApp.put(entry.key(), entry);
    byIndex.put(index, entry);
  }

  /** How to start a target that a waiting one needs and no worker took yet. */
  void starter(IntConsumer start) {
    this.start = start;
  }

  /** Takes the target for running; false when a worker or a waiting target already took it. */
  boolean claim(int index) {
    Entry entry = byIndex.get(index);
    return entry == null || entry.claimed().compareAndSet(false, true);
  }

  void done(int index, AppResult result) {
    Entry entry = byIndex.get(index);
    if (entry != null) {
      entry.result().complete(result);
    }
  }

  /** The cycles found, one line each. */
  List<String> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }

  /**
   * Waits until every app in {@code dependencies} finished this pass.
   *
   * @param warn takes a warning for an app named that this pass does not deploy to the cluster
   * @return empty to go on; otherwise why the target is skipped
   */
  Optional<String> await(String cluster, String app, List<String> dependencies, Deadline deadline, Consumer<String> warn) {
    String me = key(cluster, app);
    for (String dependency : dependencies) {
      if (dependency.equals(app)) {
        continue;
      }
      Entry entry = byApp.get(key(cluster, dependency));
      if (entry == null) {
        warn.accept(LABEL + " names " + dependency + ", which this pass does not deploy to cluster " + cluster
            + "; not waited for");
        continue;
      }
      Optional<List<String>> cycle = startWaiting(me, entry.key());
      if (cycle.isPresent()) {
        String shown = String.join(" → ", cycle.get().stream().map(k -> k.substring(k.indexOf('/') + 1)).toList());
        if (cycles.add(new TreeSet<>(cycle.get()))) {
          problems.add("cluster " + cluster + ": the apps' " + LABEL + " labels form a cycle: " + shown + "; none of them is deployed");
        }
        return Optional.of("dependency cycle " + shown + " (label " + LABEL + ")");
      }
      try {
        if (entry.claimed().compareAndSet(false, true)) {
          start.accept(entry.index());
        }
        AppResult result = entry.result().get(Math.max(0, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
        Optional<String> blocked = blocking(dependency, result);
        if (blocked.isPresent()) {
          return blocked;
        }
      } catch (TimeoutException e) {
        return Optional.of("waiting on " + dependency + ", which did not finish in time");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("waiting on " + dependency + ": interrupted");
      } catch (ExecutionException e) {
        return Optional.of("waiting on " + dependency + ", which failed: " + e.getCause());
      } finally {
        stopWaiting(me);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> blocking(String dependency, AppResult result) {
    return switch (result.status()) {
      case DEPLOYED, UNCHANGED, DRIFTED, ADOPTED -> Optional.empty();
      case FAILED, BLOCKED -> Optional.of("waiting on " + dependency + ", which failed");
      case HELD -> Optional.of("waiting on " + dependency + ", which another runner is deploying");
      default -> Optional.of("waiting on " + dependency + ", which was " + result.status().toString().toLowerCase(java.util.Locale.ROOT)
          + result.reason().map(r -> " (" + r + ")").orElse(""));
    };
  }

  /** Records that {@code me} waits for {@code dependency}, unless that closes a cycle: then the cycle, starting at me. */
  private synchronized Optional<List<String>> startWaiting(String me, String dependency) {
    List<String> path = new ArrayList<>(List.of(me, dependency));
    String at = dependency;
    while (waitsFor.containsKey(at)) {
      at = waitsFor.get(at);
      path.add(at);
      if (at.equals(me)) {
        return Optional.of(path);
      }
      if (path.size() > waitsFor.size() + 2) {
        break;
      }
    }
    if (dependency.equals(me)) {
      return Optional.of(path);
    }
    waitsFor.put(me, dependency);
    return Optional.empty();
  }

  private synchronized void stopWaiting(String me) {
    waitsFor.remove(me);
  }
}
