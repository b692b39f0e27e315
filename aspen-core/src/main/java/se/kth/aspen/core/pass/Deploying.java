package se.kth.aspen.core.pass;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import se.kth.aspen.core.port.Convergence;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.DeployOutcome;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.Orchestrator;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.VerifyPolicy;

/**
 * Deploy and verify: apply the stack, wait for convergence, and, when it does not converge and
 * whole-stack rollback is on, put every service this deploy updated back on its previous spec.
 *
 * <p>What failed decides what happens next ({@link FailureKind}): an engine that could not be reached
 * changed nothing (COULD_NOT_TRY, retried next pass); a spec the engine refused, tasks that never
 * ran, or an update Swarm rolled back are TRIED_AND_FAILED, and the state is not applied again.
 *
 * <p>A target that lost its lease ({@code lostLease} renews it and says why it is lost, if it
 * is; asked after the deploy call and before a rollback) lets the engine call under way finish
 * and changes nothing more: no verification after a deploy, no rollback after a failed
 * verification. It is COULD_NOT_TRY: nothing is recorded, since another runner may own the target
 * now, and the next pass decides again from what is recorded.
 */
final class Deploying {

  record Input(DeployRequest request, VerifyPolicy verify, boolean rollbackOnFailure, Deadline deadline,
      Supplier<Optional<String>> lostLease) {}

  record Output(DeployOutcome outcome, Convergence convergence) {}

  /**
   * A failed deploy, with what a whole-stack rollback put back and what the engine warned of
   * when the deploy call itself went through.
   */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    final transient StepFailure failure;
    final List<String> rolledBack;
    final List<String> warnings;

    Failed(StepFailure failure, List<String> rolledBack) {
      this(failure, rolledBack, List.of());
    }

    Failed(StepFailure failure, List<String> rolledBack, List<String> warnings) {
      super(failure.getMessage(), failure);
      this.failure = failure;
      this.rolledBack = List.copyOf(rolledBack);
      this.warnings = List.copyOf(warnings);
    }
  }

  private final Orchestrator orchestrator;

  Deploying(Orchestrator orchestrator) {
    this.orchestrator = orchestrator;
  }

  Output deploy(Input in) throws Failed {
    DeployRequest request = in.request();
    DeployOutcome outcome;
    try {
      outcome = orchestrator.deploy(request, in.deadline());
    } catch (PortException e) {
      FailureKind kind = e.couldNotTry() ? FailureKind.COULD_NOT_TRY : FailureKind.TRIED_AND_FAILED;
      StepFailure failure = new StepFailure(Step.DEPLOY, kind, e.getMessage(), e);
      // Services the deploy created have no earlier spec to go back to: only the updated are rolled back.
      List<String> touched = e instanceof RefusedException refused ? refused.updated() : List.of();
      throw new Failed(failure, rollBack(in, failure, touched, true, List.of()));
    }
    Optional<String> lost = in.lostLease().get();
    if (lost.isPresent()) {
      throw new Failed(new StepFailure(Step.DEPLOY, FailureKind.COULD_NOT_TRY, "deployed, but " + lost.get()
          + ": not verified, nothing recorded; tried again next pass"), List.of(), outcome.warnings());
    }
    Convergence convergence;
    try {
      convergence = orchestrator.awaitConvergence(request.cluster(), request.stackName(), in.verify(), in.deadline());
    } catch (PortException e) {
      // The deploy went through but nobody can tell how it went: try again next pass; redeploying
      // the same spec is a no-op for services that already run it.
      throw new Failed(new StepFailure(Step.VERIFY, FailureKind.COULD_NOT_TRY, e.getMessage(), e), List.of(), outcome.warnings());
    }
    if (convergence.converged() && convergence.rolledBack().isEmpty()) {
      return new Output(outcome, convergence);
    }
    StepFailure failure = new StepFailure(Step.VERIFY, FailureKind.TRIED_AND_FAILED, describe(convergence));
    lost = in.lostLease().get();
    if (lost.isPresent()) {
      throw new Failed(new StepFailure(Step.VERIFY, FailureKind.COULD_NOT_TRY, failure.reason() + "; " + lost.get()
          + ": not rolled back, nothing recorded; tried again next pass"), List.of(), outcome.warnings());
    }
    throw new Failed(failure, rollBack(in, failure, outcome.updated(), false, outcome.warnings()), outcome.warnings());
  }

  /**
   * Puts the services a failed deploy updated back on their previous spec, when whole-stack
   * rollback is on and the lease is still held ({@code checkLease}: ask first; otherwise the
   * caller just did). {@code warnings}: the deploy's, kept with any failure thrown.
   *
   * @return the services rolled back
   * @throws Failed with the failure as it then stands, when the lease is lost or the rollback fails
   */
  private List<String> rollBack(Input in, StepFailure failure, List<String> touched, boolean checkLease, List<String> warnings)
      throws Failed {
    if (!in.rollbackOnFailure() || touched.isEmpty() || failure.kind() != FailureKind.TRIED_AND_FAILED) {
      return List.of();
    }
    Optional<String> lost = checkLease ? in.lostLease().get() : Optional.empty();
    if (lost.isPresent()) {
      throw new Failed(new StepFailure(failure.step(), FailureKind.COULD_NOT_TRY, failure.reason() + "; " + lost.get()
          + ": not rolled back, nothing recorded; tried again next pass"), List.of(), warnings);
    }
    try {
      return orchestrator.rollback(in.request().cluster(), in.request().stackName(), touched, in.deadline());
    } catch (PortException e) {
      throw new Failed(new StepFailure(failure.step(), FailureKind.TRIED_AND_FAILED,
          failure.reason() + "; rolling back " + String.join(", ", touched) + " failed too: " + e.getMessage(), e), List.of(),
          warnings);
    }
  }

  static String describe(Convergence convergence) {
    StringBuilder text = new StringBuilder();
    if (!convergence.rolledBack().isEmpty()) {
      text.append("Swarm rolled back the update of ").append(String.join(", ", convergence.rolledBack()));
    }
    if (!convergence.failures().isEmpty()) {
      if (!text.isEmpty()) {
        text.append("; ");
      }
      text.append("tasks failed: ").append(String.join("; ", convergence.failures().stream().map(Object::toString).toList()));
    }
    if (text.isEmpty()) {
      text.append("did not converge: ").append(String.join(", ", convergence.services().stream()
          .filter(s -> s.runningReplicas() < s.desiredReplicas())
          .map(s -> s.name() + " runs " + s.runningReplicas() + " of " + s.desiredReplicas()).toList()));
    }
    return text.toString();
  }
}
