package se.kth.aspen.core.pass;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.catalogue.PushedImage;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.notice.ErrorReports;
import se.kth.aspen.core.policy.Policies;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterInventory;
import se.kth.aspen.core.port.ClusterList;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RegistrySnapshot;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;
import se.kth.aspen.core.version.TagCatalog;

/**
 * One pass over the application registry: discover every target, and for each, in parallel,
 * decide whether it changed, and deploy, verify and record it when it did. Never throws: every
 * problem ends up in the {@link PassReport}, one target's failure never touching another.
 *
 * <p>Keep one {@code Pass} for as long as the runner runs: when the registry source says which
 * paths changed since its previous snapshot, the pass remembers every directory's digest and
 * reads only what changed, so a pass over an unchanged registry reads no file.
 *
 * <p>Passes of one instance may overlap (a pass for some applications beside a pass over all):
 * a target is run by one pass at a time ({@link TargetTurns}), and only a pass that starts while
 * no other runs syncs the registry; one that starts beside another works on the snapshot the
 * other works on, since a sync that moved would change the files under the other pass.
 */
public final class Pass {

  private final Ports ports;
  private final PassSettings settings;
  private final Clock clock;
  private final StackReader reader = new StackReader();
  private final Policies policies;
  private final PassMemory memory = new PassMemory();
  private final RangeUses rangeUses = new RangeUses();
  /** Outlives each pass: it remembers which errors were reported, also while the store is down. */
  private final ErrorReports errorReports;
  private final Orphans orphans = new Orphans();
  private final TargetTurns turns = new TargetTurns();
  private final ReentrantLock syncing = new ReentrantLock();
  // guarded by syncing: the passes under way, and the snapshot they work on
  private int running;
  private RegistrySnapshot shared;

  private static final Logger LOG = LoggerFactory.getLogger(Pass.class);
  // Ports honour the deadline; the grace only catches one that does not, so a hang never holds the pass.
  private static final Duration MAX_TIMEOUT_GRACE = Duration.ofSeconds(30);

  public Pass(Ports ports, PassSettings settings, Clock clock) {
    this.ports = Objects.requireNonNull(ports, "ports");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policies = Policies.of(settings.policies());
    this.errorReports = new ErrorReports(ports.state(), clock, settings.errorRepeatAfter());
  }

  /** Runs one pass; results are also given to the listener as they come. Never throws. */
  public PassReport run(PassMode mode, PassListener listener) {
    return run(mode, listener, Optional.empty());
  }

  /**
   * Runs one pass over the named applications only (every cluster of each); the report holds
   * their results alone. Never throws.
   */
  public PassReport runFor(Set<String> applications, PassMode mode, PassListener listener) {
    return run(mode, listener, Optional.of(Set.copyOf(applications)));
  }

  /**
   * The applications whose stacks ask for a range of the pushed repository that takes the pushed
   * tag, as the passes so far resolved them: those a push concerns.
   */
  public Set<String> applicationsTaking(PushedImage pushed) {
    return rangeUses.applicationsTaking(pushed);
  }

  private PassReport run(PassMode mode, PassListener listener, Optional<Set<String>> only) {
    Instant started = clock.instant();
    PassMode effective = mode == PassMode.DEPLOY && settings.skipDeployment() ? PassMode.RECORD_ONLY : mode;
    List<String> problems = new ArrayList<>();
    String revision = "";
    List<AppResult> results = List.of();
    List<Orphan> orphaned = new ArrayList<>();
    try {
      // Asked beside the registry's sync and discovery, which it does not depend on: in a fresh
      // process its client's start and its parse run on a core the sync leaves idle.
      CompletableFuture<ClusterList> clusters = listClusters();
      RegistrySnapshot snapshot = begin();
      revision = snapshot.revision();
      snapshot.staleBecause().ifPresent(why -> problems.add("the registry could not be refreshed, using revision "
          + snapshot.revision() + ": " + why));
      results = runTargets(snapshot, effective, listener, problems, only, orphaned, clusters);
    } catch (PortException e) {
      problems.add("the registry could not be read: " + e.getMessage());
    } catch (IOException e) {
      problems.add("the registry could not be searched for stack files: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("the pass failed unexpectedly", e);
      problems.add("the pass failed unexpectedly: " + e);
    } finally {
      end();
    }
    return new PassReport(revision, started, Duration.between(started, clock.instant()), results, problems,
        policies.names(), orphaned);
  }

  /**
   * The snapshot a starting pass works on: a fresh sync when no other pass runs, else the one the
   * passes under way work on (a pass starting while another syncs waits for that sync).
   */
  private RegistrySnapshot begin() throws PortException {
    syncing.lock();
    try {
      running++;
      if (running == 1 || shared == null) {
        shared = ports.registry().sync(Deadline.in(settings.targetTimeout()));
      }
      return shared;
    } finally {
      syncing.unlock();
    }
  }

  private void end() {
    syncing.lock();
    try {
      running--;
    } finally {
      syncing.unlock();
    }
  }

  /** The cluster list, asked on a thread of its own; completed exceptionally with the port's failure. */
  private CompletableFuture<ClusterList> listClusters() {
    CompletableFuture<ClusterList> list = new CompletableFuture<>();
    Thread.ofVirtual().name("aspen-clusters").start(() -> {
      try {
        list.complete(ports.clusters().clusters(Deadline.in(settings.requestTimeout())));
      } catch (PortException | RuntimeException | Error e) {
        list.completeExceptionally(e);
      }
    });
    return list;
  }

  /** What {@link #listClusters()} answered, as the port's own call would have. */
  private static ClusterList awaitClusters(CompletableFuture<ClusterList> clusters) throws PortException {
    try {
      return clusters.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof PortException p) {
        throw p;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private List<AppResult> runTargets(RegistrySnapshot snapshot, PassMode mode, PassListener listener, List<String> problems,
      Optional<Set<String>> only, List<Orphan> orphaned, CompletableFuture<ClusterList> listed) throws IOException {
    // Before anything of the pass is read: a run of another pass that ended after it is newer.
    long startedNanos = System.nanoTime();
    Optional<Discovery.Output> remembered = memory.begin(snapshot);
    Discovery.Output discovered = remembered.isPresent() ? remembered.get() : new Discovery().discover(new Discovery.Input(snapshot.root()));
    if (remembered.isEmpty()) {
      memory.discovered(snapshot, discovered);
    }
    problems.addAll(discovered.problems());
    Discovery.Output found = only.isEmpty() ? discovered : discovered.only(only.get());
    ClusterList clusters;
    try {
      clusters = awaitClusters(listed);
    } catch (PortException e) {
      problems.add("the cluster directory could not be read: " + e.getMessage());
      List<AppResult> results = new ArrayList<>();
      for (AppTarget target : found.targets()) {
        AppResult result = AppResult.failed(target, FailureKind.COULD_NOT_TRY, Step.SELECT.shown(),
            "the cluster directory could not be read: " + e.getMessage());
        tell(listener, result);
        results.add(result);
      }
      return results;
    }
    clusters.staleBecause().ifPresent(why -> problems.add("the cluster directory could not be refreshed, using its last list: " + why));
    problems.addAll(Selection.missingSelected(settings.clustersToDeploy(), clusters));

    Selection selection = new Selection();
    List<Selection.Output> selections = new ArrayList<>(found.targets().size());
    List<TargetKey> keys = new ArrayList<>();
    Map<String, Cluster> selectedClusters = new TreeMap<>();
    for (AppTarget target : found.targets()) {
      Selection.Output selected = selection.select(new Selection.Input(target, clusters, settings.clustersToDeploy(),
          settings.excludedApps()));
      selections.add(selected);
      if (selected.skipReason().isEmpty()) {
        keys.add(target.key(settings.group()));
        selected.cluster().ifPresent(c -> selectedClusters.putIfAbsent(c.name(), c));
      }
    }
    for (Cluster cluster : clusters.clusters()) {
      if (!cluster.preparing() && (settings.clustersToDeploy().isEmpty() || settings.clustersToDeploy().contains(cluster.name()))) {
        selectedClusters.putIfAbsent(cluster.name(), cluster);
      }
    }
    // Listed beside the targets: only an unchanged target's drift check waits for it, so a changed
    // one (a pushed image's, above all) starts its deploy without waiting for a listing of the cluster.
    List<String> listingProblems = java.util.Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Map<String, ClusterInventory>> listing = new CompletableFuture<>();
    // Taken before the listing: a stack another pass removes after this is in the listing still.
    long listedAfterRemovals = orphans.removalsSoFar();
    if (mode == PassMode.RECORD_ONLY) {
      listing.complete(Map.of());
    } else {
      List<Cluster> toList = List.copyOf(selectedClusters.values());
      Thread.ofVirtual().name("aspen-inventories").start(() -> {
        try {
          listing.complete(Map.copyOf(Inventories.list(ports.orchestrator(), toList, settings, listingProblems)));
        } catch (RuntimeException | Error e) {
          listing.complete(Map.of());
          listingProblems.add("drift could not be checked: listing the clusters failed unexpectedly: " + e);
        }
      });
    }
    Recording recording = new Recording(ports.state(), ports.notifier(), clock, settings, errorReports);
    // Read beside the scouting below, which needs no state: on a first pass the store's round trip
    // (and, in a fresh process, its client's start) overlaps the hashing and parsing of the stacks.
    CompletableFuture<Map<TargetKey, TargetState>> reading = new CompletableFuture<>();
    Thread.ofVirtual().name("aspen-states").start(() -> {
      try {
        reading.complete(prefetched(keys));
      } finally {
        reading.complete(Map.of()); // each target reads its own; never leaves the pass waiting
      }
    });
    AppOrder order = new AppOrder();
    PassContext scouting = new PassContext(ports, settings, clock, mode, snapshot.revision(), reader, policies,
        new TagCatalog(ports.images(), settings.requestTimeout()), rangeUses,
        settings.pinDigests() ? Optional.of(new DigestCatalog(ports.images(), settings.requestTimeout())) : Optional.empty(),
        recording, memory, snapshot, found.tree(), Map.of(), listing, order, new ConcurrentHashMap<>(), startedNanos);
    int count = found.targets().size();
    AppResult[] results = new AppResult[count];
    List<Integer> runnable = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Selection.Output selected = selections.get(i);
      if (selected.skipReason().isPresent()) {
        results[i] = AppResult.skipped(found.targets().get(i), Step.SELECT.shown(), selected.skipReason().get());
        tell(listener, results[i]);
      } else {
        runnable.add(i);
      }
    }
    List<Scouting.Target> unhashed = new ArrayList<>();
    for (int i : runnable) {
      AppTarget target = found.targets().get(i);
      selections.get(i).cluster().ifPresent(c -> order.add(c.name(), target.application(), i));
      if (memory.hashed(target).isEmpty()) {
        unhashed.add(new Scouting.Target(target, selections.get(i).cluster().orElseThrow()));
      }
    }
    new Scouting(scouting).scout(unhashed);
    Map<TargetKey, TargetState> prefetched = reading.join();
    if (!prefetched.isEmpty()) {
      recording.outage().answered();
    }
    PassContext context = scouting.withStates(prefetched);
    IntConsumer runOne = i -> {
      AppTarget target = found.targets().get(i);
      AppResult result;
      try {
        result = bounded(context, target, selections.get(i).cluster().orElseThrow());
      } catch (RuntimeException e) {
        result = AppResult.failed(target, FailureKind.INTERNAL, "Pass", "unexpected " + e);
      }
      tell(listener, result);
      results[i] = result;
      order.done(i, result);
    };
    // A target that waits for another not yet taken starts it at once, beside the workers.
    List<Thread> started = java.util.Collections.synchronizedList(new ArrayList<>());
    order.starter(i -> started.add(Thread.ofVirtual().name("aspen-ordered-" + found.targets().get(i)).start(() -> runOne.accept(i))));
    // PARALLELISM workers take the targets in turn: as many at once as before, without a thread
    // per target parked on a semaphore (as costly as an unchanged target's own work).
    AtomicInteger next = new AtomicInteger();
    // A target another pass of this instance is running waits for its turn on a thread of its own
    // (joined below), not on a worker: the free targets go on, and a target of this pass that
    // follows it (dependsOn) cannot hold the only worker while it waits. These are the few
    // targets of the pass beside, so PARALLELISM is exceeded by at most that many.
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < Math.min(settings.parallelism(), runnable.size()); w++) {
        workers.submit(() -> {
          for (int taken = next.getAndIncrement(); taken < runnable.size() && !Thread.currentThread().isInterrupted();
              taken = next.getAndIncrement()) {
            int i = runnable.get(taken);
            if (order.claim(i)) {
              if (turns.taken(found.targets().get(i))) {
                started.add(Thread.ofVirtual().name("aspen-waiting-" + found.targets().get(i)).start(() -> runOne.accept(i)));
              } else {
                runOne.accept(i);
              }
            }
          }
        });
      }
    }
    joinStarted(started);
    Map<String, ClusterInventory> inventories = listing.join();
    problems.addAll(listingProblems);
    problems.addAll(order.problems());
    if (mode != PassMode.PLAN && mode != PassMode.ADOPT) {
      recording.outageSummary();
    }
    // Every directory of the revision, not only those this pass was asked to run: a pass for some
    // apps must not take the others for orphans.
    Map<String, java.util.Set<String>> inGit = new TreeMap<>();
    for (AppTarget target : discovered.targets()) {
      inGit.computeIfAbsent(target.cluster(), c -> new java.util.HashSet<>()).add(target.application());
    }
    orphaned.addAll(orphans.find(inventories, selectedClusters, inGit, new Orphans.Ports(ports.orchestrator(), ports.state()),
        settings, mode, clock.instant(), listedAfterRemovals, problems));
    List<AppResult> ordered = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ordered.add(results[i] != null ? results[i]
          : AppResult.failed(found.targets().get(i), FailureKind.COULD_NOT_TRY, "Pass", "the pass was interrupted"));
    }
    return ordered;
  }

  /** Waits for the targets started for a waiting one; each is bounded by its own deadline. */
  private void joinStarted(List<Thread> started) {
    List<Thread> threads;
    synchronized (started) {
      threads = List.copyOf(started);
    }
    Duration bound = settings.targetTimeout().plus(MAX_TIMEOUT_GRACE);
    for (Thread thread : threads) {
      try {
        if (!thread.join(bound)) {
          LOG.warn("a target started for another that waited on it did not end in {}", bound);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * The recorded states of the targets, read in one go: one round trip instead of one per target
   * (PARALLELISM at a time), which is most of a no-change pass on a networked store. Only a hint
   * for each target's first decision: a target missing here reads its own state, and the decision
   * under the lease reads it again. Empty when the store cannot answer: each target then reads
   * (and reports) on its own.
   */
  private Map<TargetKey, TargetState> prefetched(List<TargetKey> keys) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    try {
      return ports.state().readAll(keys);
    } catch (PortException | RuntimeException e) {
      LOG.debug("reading the states of {} targets at once failed; each reads its own: {}", keys.size(), e.toString());
      return Map.of();
    }
  }

  /** Runs one target on its own thread, giving up on it (not on the pass) past its deadline. */
  private AppResult bounded(PassContext context, AppTarget target, Cluster cluster) {
    Deadline deadline = Deadline.in(settings.targetTimeout());
    // Its own unmanaged thread: a target stuck in a call that ignores interrupts must not keep
    // the pass's executor from closing.
    TargetRun run = new TargetRun(context, target, cluster, deadline);
    FutureTask<AppResult> work = new FutureTask<>(() -> turns.run(target, context.startedNanos(), deadline, run::run,
        () -> AppResult.failed(target, FailureKind.COULD_NOT_TRY, "Timeout", "another pass of this runner was still running it at "
            + "this pass's deadline (" + settings.targetTimeout() + "); left to it, tried again next pass")));
    Thread.ofVirtual().name("aspen-target-" + target).start(work);
    try {
      Duration grace = settings.targetTimeout().compareTo(MAX_TIMEOUT_GRACE) < 0 ? settings.targetTimeout() : MAX_TIMEOUT_GRACE;
      return work.get(settings.targetTimeout().plus(grace).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      run.abandon();
      work.cancel(true);
      return AppResult.failed(target, FailureKind.COULD_NOT_TRY, "Timeout",
          "did not finish within " + settings.targetTimeout() + "; abandoned, tried again next pass");
    } catch (InterruptedException e) {
      run.abandon();
      work.cancel(true);
      Thread.currentThread().interrupt();
      return AppResult.failed(target, FailureKind.COULD_NOT_TRY, "Timeout", "the pass was interrupted");
    } catch (ExecutionException e) {
      return AppResult.failed(target, FailureKind.INTERNAL, "Pass", "unexpected " + e.getCause());
    }
  }

  private static void tell(PassListener listener, AppResult result) {
    try {
      listener.onResult(result);
    } catch (RuntimeException e) {
      LOG.warn("a pass listener threw on {}; ignored: {}", result.target(), e.toString());
    }
  }

  /**
   * Asks for a failed desired state to be tried again on the next pass (see {@link FailureKind}): forgets the
   * failure, keeping the last good deploy.
   *
   * @return whether the target had a failure to forget
   * @throws PortException when the state store cannot be reached
   */
  public boolean retry(TargetKey target) throws PortException {
    TargetState state = ports.state().read(target);
    if (state.lastFailed().isEmpty()) {
      return false;
    }
    ports.state().forget(target);
    if (state.lastGood().isPresent()) {
      ports.state().recordSuccess(target, state.lastGood().get());
    }
    return true;
  }
}
