package se.kth.aspen.core.port;

import java.util.List;
import java.util.Optional;

/** Runs stacks on a cluster: deploy, wait for convergence, read what runs. */
public interface Orchestrator {

  /**
   * Applies a stack to its cluster as {@code docker stack deploy --with-registry-auth} would,
   * and returns without waiting for convergence, with one difference: services that {@code
   * depends_on} others are written in the waves of {@link
   * se.kth.aspen.core.compose.ServiceOrder}, each wave only once the services it depends on
   * reached their conditions (started, healthy, or a job completed). A stack without {@code
   * depends_on} is one wave and is written at once.
   *
   * @throws UnreachableException when the cluster's engine cannot be reached (nothing changed)
   * @throws RefusedException when the engine refused a part of the stack, or a service others
   *     depend on failed (its task error in the message): parts applied before are named in the
   *     message, and the services already created and updated in {@link RefusedException#created()}
   *     and {@link RefusedException#updated()}
   */
  DeployOutcome deploy(DeployRequest request, Deadline deadline) throws PortException;

  /**
   * Polls the stack's services and tasks until every service runs its desired replicas, or the
   * policy's attempts run out, or the deadline passes. Once the stack converged, an
   * implementation may remove what its services no longer use (secrets and configs of earlier
   * contents).
   *
   * @return converged, or not with every failing task's state and error
   * @throws UnreachableException when the engine cannot be reached at all
   */
  Convergence awaitConvergence(Cluster cluster, String stack, VerifyPolicy policy, Deadline deadline)
      throws PortException;

  /**
   * Every stack of the cluster, each service compared with what a deploy with an owner (see
   * {@link DeployRequest#owner()}) recorded on it, in one listing.
   *
   * @return empty when this orchestrator cannot tell (then drift is not checked at all)
   * @throws UnreachableException when the cluster's engine cannot be reached
   */
  default Optional<ClusterInventory> inventory(Cluster cluster, Deadline deadline) throws PortException {
    return Optional.empty();
  }

  /**
   * Removes a whole stack, as {@code docker stack rm} does: its services, then its secrets,
   * configs and networks.
   *
   * @return the services removed
   * @throws RefusedException when this orchestrator cannot remove stacks, or the engine refused
   */
  default List<String> removeStack(Cluster cluster, String stack, Deadline deadline) throws PortException {
    throw new RefusedException("removing stack " + stack + " on " + cluster.name() + " is not supported");
  }

  /** The stack's services as they run now. */
  List<RunningService> services(Cluster cluster, String stack, Deadline deadline) throws PortException;

  /**
   * Puts the named services of a stack back on the spec they had before their last update
   * (whole-stack rollback).
   *
   * @return the services that were rolled back
   */
  List<String> rollback(Cluster cluster, String stack, List<String> services, Deadline deadline)
      throws PortException;
}
