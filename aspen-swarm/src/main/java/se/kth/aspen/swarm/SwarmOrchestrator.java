package se.kth.aspen.swarm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterInventory;
import se.kth.aspen.core.port.Convergence;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.DeployOutcome;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.Orchestrator;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RunningService;
import se.kth.aspen.core.port.UnreachableException;
import se.kth.aspen.core.port.VerifyPolicy;

/**
 * Deploys stacks to Docker Swarm through the Engine API (1.41), with the result {@code docker
 * stack deploy --with-registry-auth --resolve-image always} gives; see the module README for
 * where it differs. One instance serves any number of clusters and keeps one connection pool per
 * endpoint; close it to release them.
 */
public final class SwarmOrchestrator implements Orchestrator, AutoCloseable {

  private final SwarmSettings settings;
  private final EngineClients clients;
  private final RegistryAuth auth;
  private final java.util.Map<String, com.fasterxml.jackson.databind.node.ArrayNode> platformsByDigest =
      new java.util.concurrent.ConcurrentHashMap<>();

  public SwarmOrchestrator(SwarmSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clients = new EngineClients(settings);
    this.auth = new RegistryAuth(settings.registries());
  }

  public SwarmSettings settings() {
    return settings;
  }

  @Override
  public DeployOutcome deploy(DeployRequest request, Deadline deadline) throws PortException {
    EngineClient engine = clients.of(request.cluster().endpoint());
    return new StackDeployment(engine, auth, request, deadline, platformsByDigest, settings.configRotation()).run();
  }

  @Override
  public Convergence awaitConvergence(Cluster cluster, String stack, VerifyPolicy policy, Deadline deadline)
      throws PortException {
    EngineClient engine = clients.of(cluster.endpoint());
    StackNames names = new StackNames(stack);
    Convergence last = null;
    for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
      StackSnapshot snapshot = StackSnapshot.read(engine, names);
      last = snapshot.convergence();
      if (last.converged()) {
        SupersededObjects.removeUnused(engine, names, snapshot.services());
        return last;
      }
      if (snapshot.updateFailed() || attempt == policy.attempts()) {
        return last;
      }
      Duration pause = policy.delay();
      if (deadline.remaining().compareTo(pause) <= 0) {
        return last;
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnreachableException("waiting for stack " + stack + " on " + cluster.name() + " to converge: interrupted", e);
      }
    }
    return last;
  }

  @Override
  public Optional<ClusterInventory> inventory(Cluster cluster, Deadline deadline) throws PortException {
    return Optional.of(StackInventory.read(clients.of(cluster.endpoint())));
  }

  @Override
  public List<String> removeStack(Cluster cluster, String stack, Deadline deadline) throws PortException {
    return StackRemoval.remove(clients.of(cluster.endpoint()), new StackNames(stack));
  }

  @Override
  public List<RunningService> services(Cluster cluster, String stack, Deadline deadline) throws PortException {
    return StackSnapshot.read(clients.of(cluster.endpoint()), new StackNames(stack)).running();
  }

  @Override
  public List<String> rollback(Cluster cluster, String stack, List<String> services, Deadline deadline)
      throws PortException {
    return new ServiceRollback(clients.of(cluster.endpoint()), auth, new StackNames(stack)).rollBack(services);
  }

  @Override
  public void close() {
    clients.close();
  }
}
