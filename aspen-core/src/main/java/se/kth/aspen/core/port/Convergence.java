package se.kth.aspen.core.port;

import java.util.List;
import java.util.Optional;

/**
 * Whether a deployed stack runs as desired.
 *
 * @param services each service's desired and running replicas
 * @param failures tasks that failed or were rejected, with the engine's error text
 * @param rolledBack services whose update Swarm paused or rolled back, with the update status
 *     message; a rolled-back service is a failure even when its old tasks run fine
 */
public record Convergence(
    boolean converged, List<RunningService> services, List<TaskFailure> failures, List<String> rolledBack) {

  public Convergence {
    services = List.copyOf(services);
    failures = List.copyOf(failures);
    rolledBack = List.copyOf(rolledBack);
  }

  /** One failing task: its service, state and error, e.g. {@code rejected: No such image}. */
  public record TaskFailure(String service, String state, Optional<String> error) {
    @Override
    public String toString() {
      return service + ": " + state + error.map(e -> " (" + e + ")").orElse("");
    }
  }
}
