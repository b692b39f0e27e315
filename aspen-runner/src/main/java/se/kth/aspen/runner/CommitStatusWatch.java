package se.kth.aspen.runner;

import java.util.List;
import java.util.Objects;
import se.kth.aspen.core.commitstatus.CommitStatusReports;
import se.kth.aspen.core.pass.PassListener;
import se.kth.aspen.core.pass.Ports;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.Convergence;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.DeployOutcome;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.Orchestrator;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RegistrySnapshot;
import se.kth.aspen.core.port.RegistrySource;
import se.kth.aspen.core.port.RunningService;
import se.kth.aspen.core.port.VerifyPolicy;

/**
 * Watches a deploying pass for commit statuses without the pass knowing: the registry source
 * tells which revision the pass deploys, the orchestrator when a target's deploy starts
 * (pending), and the pass's listener how each target ended (success, failure). Passes never
 * overlap, so one remembered revision serves the whole pass.
 */
final class CommitStatusWatch {

  private final CommitStatusReports reports;
  private volatile String revision = "";

  CommitStatusWatch(CommitStatusReports reports) {
    this.reports = Objects.requireNonNull(reports, "reports");
  }

  Ports watched(Ports ports) {
    return new Ports(new WatchedSource(ports.registry()), ports.clusters(), ports.images(), ports.secrets(),
        new WatchedOrchestrator(ports.orchestrator()), ports.state(), ports.notifier());
  }

  PassListener listener(PassListener inner) {
    return result -> {
      reports.finished(revision, result);
      inner.onResult(result);
    };
  }

  private final class WatchedSource implements RegistrySource {
    private final RegistrySource source;

    WatchedSource(RegistrySource source) {
      this.source = source;
    }

    @Override
    public RegistrySnapshot sync(Deadline deadline) throws PortException {
      RegistrySnapshot snapshot = source.sync(deadline);
      revision = snapshot.revision();
      return snapshot;
    }

    @Override
    public String toString() {
      return source.toString();
    }
  }

  private final class WatchedOrchestrator implements Orchestrator {
    private final Orchestrator orchestrator;

    WatchedOrchestrator(Orchestrator orchestrator) {
      this.orchestrator = orchestrator;
    }

    @Override
    public DeployOutcome deploy(DeployRequest request, Deadline deadline) throws PortException {
      reports.deployStarting(revision, request.cluster().name(), request.stackName());
      return orchestrator.deploy(request, deadline);
    }

    @Override
    public Convergence awaitConvergence(Cluster cluster, String stack, VerifyPolicy policy, Deadline deadline) throws PortException {
      return orchestrator.awaitConvergence(cluster, stack, policy, deadline);
    }

    @Override
    public List<RunningService> services(Cluster cluster, String stack, Deadline deadline) throws PortException {
      return orchestrator.services(cluster, stack, deadline);
    }

    @Override
    public List<String> rollback(Cluster cluster, String stack, List<String> services, Deadline deadline) throws PortException {
      return orchestrator.rollback(cluster, stack, services, deadline);
    }
  }
}
