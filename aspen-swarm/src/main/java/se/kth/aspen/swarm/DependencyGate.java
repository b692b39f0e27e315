package se.kth.aspen.swarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import se.kth.aspen.core.compose.ServiceDependency;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * Holds a wave of services back until the services they depend on reached their conditions,
 * polling the stack's services and tasks. A dependency whose update Swarm paused or rolled
 * back, or whose failed task its restart policy gives up on (with {@code condition: none}, at the
 * first failure), stops the deploy there: the wave is not written, and the dependents keep the
 * spec they had. A failed task that Swarm restarts may still come up healthy or complete, so the
 * gate waits for it until the deploy's deadline, and then says what failed last.
 */
final class DependencyGate {

  /** Short: a job or a healthcheck is usually done in seconds, and each poll is two cheap reads. */
  static final Duration POLL = Duration.ofMillis(500);

  private final EngineClient engine;
  private final StackNames names;
  private final StackModel model;
  private final Deadline deadline;

  DependencyGate(EngineClient engine, StackNames names, StackModel model, Deadline deadline) {
    this.engine = engine;
    this.names = names;
    this.model = model;
    this.deadline = deadline;
  }

  private record Wait(String dependent, ServiceDependency dependency) {
    @Override
    public String toString() {
      return dependency.service() + " (" + dependency.condition().written() + ")";
    }
  }

  /** Returns once every dependency of {@code wave} holds; a wave without any returns at once, reading nothing. */
  void await(List<String> wave, DeployProgress progress) throws PortException {
    Set<Wait> pending = new LinkedHashSet<>();
    for (String key : wave) {
      ServiceSpec service = model.services().get(key);
      service.dependsOn().stream().filter(d -> model.services().containsKey(d.service()))
          .forEach(d -> pending.add(new Wait(key, d)));
    }
    while (!pending.isEmpty()) {
      StackSnapshot snapshot = StackSnapshot.read(engine, names);
      pending.removeIf(w -> snapshot.reached(w.dependency().service(), w.dependency().condition()));
      if (pending.isEmpty()) {
        return;
      }
      for (Wait wait : pending) {
        var failure = snapshot.failure(wait.dependency().service());
        if (failure.isPresent()) {
          throw progress.refused("service " + names.scoped(wait.dependent()) + " was not deployed: it depends on "
              + wait + ", which failed: " + failure.get(), null);
        }
      }
      if (deadline.remaining().compareTo(POLL) <= 0) {
        List<String> states = new ArrayList<>();
        pending.stream().map(w -> w.dependency().service()).distinct().forEach(d -> states.add(snapshot.describe(d)
            + snapshot.lastFailure(d).map(f -> ", last failed: " + f).orElse("")));
        throw progress.refused("waiting for " + String.join(", ", pending.stream().map(Wait::toString).distinct().toList())
            + " before deploying " + String.join(", ", pending.stream().map(w -> names.scoped(w.dependent())).distinct().toList())
            + ": the deadline passed (" + String.join(", ", states) + ")", null);
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnreachableException("waiting for the dependencies of stack " + names.stack() + ": interrupted", e);
      }
    }
  }
}
