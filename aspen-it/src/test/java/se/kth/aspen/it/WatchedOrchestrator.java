package se.kth.aspen.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.Convergence;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.DeployOutcome;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.Orchestrator;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RunningService;
import se.kth.aspen.core.port.VerifyPolicy;

/**
 * The real orchestrator, watched: counts, per stack and across every runner sharing the same
 * {@link Overlaps}, how many deploys are under way at once (from the deploy call to the end of
 * its verification).
 */
final class WatchedOrchestrator implements Orchestrator {

  /** Shared by the runners of one test. */
  static final class Overlaps {
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, Integer> most = new ConcurrentHashMap<>();
    private final AtomicInteger deploys = new AtomicInteger();

    void begin(String stack) {
      deploys.incrementAndGet();
      int now = running.computeIfAbsent(stack, s -> new AtomicInteger()).incrementAndGet();
      most.merge(stack, now, Math::max);
    }

    void end(String stack) {
      running.get(stack).decrementAndGet();
    }

    /** The most deploys of one stack seen under way at once, by stack. */
    Map<String, Integer> most() {
      return Map.copyOf(most);
    }

    int deploys() {
      return deploys.get();
    }
  }

  private final Orchestrator real;
  private final Overlaps overlaps;
  private final Runnable afterDeploy;

  WatchedOrchestrator(Orchestrator real, Overlaps overlaps) {
    this(real, overlaps, () -> { });
  }

  /** With {@code afterDeploy} run once the engine took the new spec, before it is verified. */
  WatchedOrchestrator(Orchestrator real, Overlaps overlaps, Runnable afterDeploy) {
    this.real = real;
    this.overlaps = overlaps;
    this.afterDeploy = afterDeploy;
  }

  @Override
  public DeployOutcome deploy(DeployRequest request, Deadline deadline) throws PortException {
    overlaps.begin(request.stackName());
    try {
      DeployOutcome outcome = real.deploy(request, deadline);
      afterDeploy.run();
      return outcome;
    } catch (PortException | RuntimeException e) {
      overlaps.end(request.stackName());
      throw e;
    }
  }

  @Override
  public Convergence awaitConvergence(Cluster cluster, String stack, VerifyPolicy policy, Deadline deadline)
      throws PortException {
    try {
      return real.awaitConvergence(cluster, stack, policy, deadline);
    } finally {
      overlaps.end(stack);
    }
  }

  @Override
  public List<RunningService> services(Cluster cluster, String stack, Deadline deadline) throws PortException {
    return real.services(cluster, stack, deadline);
  }

  @Override
  public List<String> rollback(Cluster cluster, String stack, List<String> services, Deadline deadline)
      throws PortException {
    return real.rollback(cluster, stack, services, deadline);
  }
}
