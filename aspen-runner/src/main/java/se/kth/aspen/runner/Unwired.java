package se.kth.aspen.runner;

import java.nio.file.Path;
import java.util.List;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterDirectory;
import se.kth.aspen.core.port.ClusterList;
import se.kth.aspen.core.port.Convergence;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.DeployOutcome;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.Orchestrator;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RegistrySnapshot;
import se.kth.aspen.core.port.RegistrySource;
import se.kth.aspen.core.port.RunningService;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.SecretEnvironment;
import se.kth.aspen.core.port.SecretStore;
import se.kth.aspen.core.port.UnreachableException;
import se.kth.aspen.core.port.VerifyPolicy;

/**
 * Stands in for an adapter this build does not have yet: every call fails as "could not try",
 * naming the adapter, so a pass reports it per app instead of the runner failing to start.
 */
final class Unwired implements RegistrySource, ClusterDirectory, SecretStore, Orchestrator {

  private final String adapter;

  Unwired(String adapter) {
    this.adapter = adapter;
  }

  private UnreachableException missing() {
    return new UnreachableException(adapter + " is not wired into this build of the runner yet");
  }

  @Override
  public RegistrySnapshot sync(Deadline deadline) throws PortException {
    throw missing();
  }

  @Override
  public ClusterList clusters(Deadline deadline) throws PortException {
    throw missing();
  }

  @Override
  public SecretEnvironment environment(String application, Path secretsEnv) throws PortException {
    throw missing();
  }

  @Override
  public Secret decrypt(String application, Path vaultedFile) throws PortException {
    throw missing();
  }

  @Override
  public DeployOutcome deploy(DeployRequest request, Deadline deadline) throws PortException {
    throw missing();
  }

  @Override
  public Convergence awaitConvergence(Cluster cluster, String stack, VerifyPolicy policy, Deadline deadline)
      throws PortException {
    throw missing();
  }

  @Override
  public List<RunningService> services(Cluster cluster, String stack, Deadline deadline) throws PortException {
    throw missing();
  }

  @Override
  public List<String> rollback(Cluster cluster, String stack, List<String> services, Deadline deadline)
      throws PortException {
    throw missing();
  }
}
