package se.kth.aspen.core.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterInventory;
import se.kth.aspen.core.port.Convergence;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.DeployOutcome;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.LiveService;
import se.kth.aspen.core.port.LiveStack;
import se.kth.aspen.core.port.Orchestrator;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RunningService;
import se.kth.aspen.core.port.SpecDifference;
import se.kth.aspen.core.port.StackOwner;
import se.kth.aspen.core.port.VerifyPolicy;

/**
 * An orchestrator that records what it is asked and answers as scripted, per stack name. By
 * default a deploy updates (or creates) every service of the request and converges at once.
 */
public final class FakeOrchestrator implements Orchestrator {

  /** A rollback the pass asked for. */
  public record Rollback(String cluster, String stack, List<String> services) {}

  private final List<DeployRequest> deploys = new CopyOnWriteArrayList<>();
  private final List<Rollback> rollbacks = new CopyOnWriteArrayList<>();
  private final Map<String, PortException> deployFailures = new ConcurrentHashMap<>();
  private final Map<String, List<String>> deployWarnings = new ConcurrentHashMap<>();
  private final Map<String, PortException> verifyFailures = new ConcurrentHashMap<>();
  private final Map<String, Convergence> convergence = new ConcurrentHashMap<>();
  private final Map<String, RuntimeException> crashes = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.CountDownLatch> holds = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.CountDownLatch> stubborn = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> running = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger deploying = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();

  private volatile boolean listing;
  private final List<String> removedStacks = new CopyOnWriteArrayList<>();
  private final Map<String, List<SpecDifference>> drifts = new ConcurrentHashMap<>();
  private final Map<String, Optional<StackOwner>> owners = new ConcurrentHashMap<>();
  private final java.util.Set<String> unlistable = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicInteger listings = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Answers {@link #inventory}: every stack it deployed, each service with the owner of its last
   * deploy and the differences scripted by {@link #drift}. Without this, it cannot tell (empty).
   */
  public FakeOrchestrator listStacks() {
    listing = true;
    return this;
  }

  /** The stack runs differently from what was deployed, until its next deploy. */
  public FakeOrchestrator drift(String cluster, String stack, SpecDifference... differences) {
    drifts.put(cluster + "/" + stack, List.of(differences));
    return this;
  }

  /** Listing the cluster fails as an engine that cannot be reached does. */
  public FakeOrchestrator unlistable(String cluster) {
    unlistable.add(cluster);
    return this;
  }

  private volatile java.util.concurrent.CountDownLatch listingGate = new java.util.concurrent.CountDownLatch(0);

  /** Listings wait until the latch is released, as a slow engine's would. */
  public FakeOrchestrator holdListings(java.util.concurrent.CountDownLatch release) {
    listingGate = release;
    return this;
  }

  /** How many inventories were asked for. */
  public int listings() {
    return listings.get();
  }

  @Override
  public Optional<ClusterInventory> inventory(Cluster cluster, Deadline deadline) throws PortException {
    if (!listing) {
      return Optional.empty();
    }
    listings.incrementAndGet();
    try {
      listingGate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new se.kth.aspen.core.port.UnreachableException("listing services on " + cluster.name() + ": interrupted", e);
    }
    if (unlistable.contains(cluster.name())) {
      throw new se.kth.aspen.core.port.UnreachableException("listing services on " + cluster.name() + ": connection refused");
    }
    Map<String, LiveStack> stacks = new java.util.TreeMap<>();
    String prefix = cluster.name() + "/";
    running.forEach((key, services) -> {
      if (!key.startsWith(prefix)) {
        return;
      }
      String stack = key.substring(prefix.length());
      Optional<StackOwner> owner = owners.getOrDefault(key, Optional.empty());
      List<SpecDifference> drift = drifts.getOrDefault(key, List.of());
      List<LiveService> live = new ArrayList<>();
      services.keySet().stream().sorted().forEach(service -> live.add(new LiveService(service, owner.map(StackOwner::group),
          owner.map(StackOwner::cluster), owner.map(StackOwner::fingerprint), services.keySet(),
          drift.stream().filter(d -> d.service().equals(service)).toList(), false, Map.of())));
      stacks.put(stack, new LiveStack(stack, live));
    });
    return Optional.of(new ClusterInventory(stacks));
  }

  /** Deploys of this stack succeed with these warnings, as the engine's deploy would tell them. */
  public FakeOrchestrator warn(String stack, String... warnings) {
    deployWarnings.put(stack, List.of(warnings));
    return this;
  }

  /** Deploys of this stack throw the exception until {@link #heal}. */
  public FakeOrchestrator failDeploy(String stack, PortException failure) {
    deployFailures.put(stack, failure);
    return this;
  }

  /** Verifications of this stack throw the exception until {@link #heal}. */
  public FakeOrchestrator failVerify(String stack, PortException failure) {
    verifyFailures.put(stack, failure);
    return this;
  }

  /** Deploys of this stack throw an unexpected runtime exception, as a defect would. */
  public FakeOrchestrator crashDeploy(String stack, RuntimeException crash) {
    crashes.put(stack, crash);
    return this;
  }

  /**
   * Deploys of this stack hang, ignoring their deadline (as a broken adapter would), until the
   * latch is released or the thread interrupted.
   */
  public FakeOrchestrator hangDeploy(String stack, java.util.concurrent.CountDownLatch release) {
    holds.put(stack, release);
    return this;
  }

  /**
   * Deploys of this stack hang until the latch is released, interrupts and deadline ignored, as
   * an engine call stuck in uninterruptible I/O would.
   */
  public FakeOrchestrator hangDeployUninterruptibly(String stack, java.util.concurrent.CountDownLatch release) {
    stubborn.put(stack, release);
    return this;
  }

  /** Verifications of this stack answer this until {@link #heal}. */
  public FakeOrchestrator converge(String stack, Convergence answer) {
    convergence.put(stack, answer);
    return this;
  }

  /** Verification of this stack reports the service's task failing with the error. */
  public FakeOrchestrator neverConverges(String stack, String service, String error) {
    return converge(stack, new Convergence(false, List.of(new RunningService(service, "?", 1, 0, Optional.empty())),
        List.of(new Convergence.TaskFailure(service, "rejected", Optional.of(error))), List.of()));
  }

  /** The stack already runs these images by service, as another deployer left it (adopt). */
  public FakeOrchestrator runs(String cluster, String stack, Map<String, String> serviceImages) {
    running.put(cluster + "/" + stack, new ConcurrentHashMap<>(serviceImages));
    return this;
  }

  /** Forgets every scripted failure of the stack. */
  public FakeOrchestrator heal(String stack) {
    deployFailures.remove(stack);
    verifyFailures.remove(stack);
    convergence.remove(stack);
    crashes.remove(stack);
    holds.remove(stack);
    stubborn.remove(stack);
    return this;
  }

  public List<DeployRequest> deploys() {
    return List.copyOf(deploys);
  }

  public List<Rollback> rollbacks() {
    return List.copyOf(rollbacks);
  }

  /** Every call that could have changed a cluster: deploys and rollbacks. */
  public int changes() {
    return deploys.size() + rollbacks.size();
  }

  /** How many deploy calls were in progress at once, at most. */
  public int mostDeploysAtOnce() {
    return mostAtOnce.get();
  }

  /** How many deploy calls are in progress now. */
  public int deploysInProgress() {
    return deploying.get();
  }

  @Override
  public DeployOutcome deploy(DeployRequest request, Deadline deadline) throws PortException {
    mostAtOnce.accumulateAndGet(deploying.incrementAndGet(), Math::max);
    try {
      return deployNow(request);
    } finally {
      deploying.decrementAndGet();
    }
  }

  private DeployOutcome deployNow(DeployRequest request) throws PortException {
    java.util.concurrent.CountDownLatch hold = holds.get(request.stackName());
    if (hold != null) {
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new se.kth.aspen.core.port.UnreachableException("deploying " + request.stackName() + ": interrupted", e);
      }
    }
    java.util.concurrent.CountDownLatch stuck = stubborn.get(request.stackName());
    if (stuck != null) {
      boolean interrupted = false;
      while (stuck.getCount() > 0) {
        try {
          stuck.await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    RuntimeException crash = crashes.get(request.stackName());
    if (crash != null) {
      throw crash;
    }
    PortException failure = deployFailures.get(request.stackName());
    if (failure != null) {
      throw failure;
    }
    deploys.add(request);
    owners.put(key(request.cluster(), request.stackName()), request.owner());
    drifts.remove(key(request.cluster(), request.stackName()));
    Map<String, String> services = running.computeIfAbsent(key(request.cluster(), request.stackName()), k -> new ConcurrentHashMap<>());
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    request.images().forEach((service, image) -> {
      if (services.put(service, image.toString()) == null) {
        created.add(service);
      } else {
        updated.add(service);
      }
    });
    return new DeployOutcome(created, updated, List.of(), deployWarnings.getOrDefault(request.stackName(), List.of()));
  }

  @Override
  public Convergence awaitConvergence(Cluster cluster, String stack, VerifyPolicy policy, Deadline deadline)
      throws PortException {
    PortException failure = verifyFailures.get(stack);
    if (failure != null) {
      throw failure;
    }
    Convergence scripted = convergence.get(stack);
    if (scripted != null) {
      return scripted;
    }
    return new Convergence(true, services(cluster, stack, deadline), List.of(), List.of());
  }

  @Override
  public List<String> removeStack(Cluster cluster, String stack, Deadline deadline) {
    Map<String, String> services = running.remove(key(cluster, stack));
    owners.remove(key(cluster, stack));
    removedStacks.add(key(cluster, stack));
    return services == null ? List.of() : services.keySet().stream().sorted().toList();
  }

  /** The stacks removed, as {@code cluster/stack}. */
  public List<String> removedStacks() {
    return List.copyOf(removedStacks);
  }

  @Override
  public List<RunningService> services(Cluster cluster, String stack, Deadline deadline) {
    return running.getOrDefault(key(cluster, stack), Map.of()).entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> new RunningService(e.getKey(), e.getValue(), 1, 1, Optional.of("completed")))
        .toList();
  }

  @Override
  public List<String> rollback(Cluster cluster, String stack, List<String> services, Deadline deadline) {
    rollbacks.add(new Rollback(cluster.name(), stack, List.copyOf(services)));
    return List.copyOf(services);
  }

  private static String key(Cluster cluster, String stack) {
    return cluster.name() + "/" + stack;
  }
}
