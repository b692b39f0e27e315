package se.kth.aspen.swarm;

import java.util.ArrayList;
import java.util.List;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * What a deploy has changed so far, so that a failure half-way names the parts already applied
 * (the {@code Orchestrator.deploy} contract): "could not try" only while nothing changed.
 */
final class DeployProgress {

  private final List<String> applied = new ArrayList<>();
  final List<String> created = new ArrayList<>();
  final List<String> updated = new ArrayList<>();
  final List<String> removed = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();

  void applied(String what) {
    applied.add(what);
  }

  /** The failure as the caller should see it, with what was applied before it. */
  PortException failed(PortException cause) {
    if (applied.isEmpty()) {
      return cause;
    }
    String message = cause.getMessage() + " (already applied: " + String.join(", ", applied) + ")";
    return refused(message, cause);
  }

  PortException deadlinePassed(String doing) {
    String message = doing + ": the deadline passed";
    return applied.isEmpty() ? new UnreachableException(message) : refused(message, null);
  }

  /** A refusal that carries the services created and updated so far. */
  RefusedException refused(String message, Throwable cause) {
    return new RefusedException(message, cause, created, updated);
  }
}
