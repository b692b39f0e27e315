package se.kth.aspen.core.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;

/**
 * The order in which a stack's services are deployed, from their {@code depends_on}: waves of
 * services, each wave deployed once the services its members depend on reached their
 * conditions. The first wave holds every service without dependencies; a stack without any
 * {@code depends_on} is one wave, deployed as {@code docker stack deploy} does. Within a wave,
 * file order.
 *
 * @param waves service keys, wave by wave
 */
public record ServiceOrder(List<List<String>> waves) {

  public ServiceOrder {
    waves = waves.stream().map(List::copyOf).toList();
  }

  /**
   * The waves of a model whose {@code depends_on} were checked when it was read (see {@link
   * StackReader}); a dependency on a missing service that is not required is left out.
   *
   * @throws IllegalArgumentException on a cycle (only a model built by hand can have one)
   */
  public static ServiceOrder of(StackModel model) {
    return of(model.services());
  }

  static ServiceOrder of(SequencedMap<String, ServiceSpec> services) {
    Map<String, Set<String>> waiting = new LinkedHashMap<>();
    services.forEach((name, service) -> {
      Set<String> on = new LinkedHashSet<>();
      service.dependsOn().stream().map(ServiceDependency::service).filter(services::containsKey).forEach(on::add);
      waiting.put(name, on);
    });
    List<List<String>> waves = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (placed.size() < services.size()) {
      List<String> wave = new ArrayList<>();
      waiting.forEach((name, on) -> {
        if (!placed.contains(name) && placed.containsAll(on)) {
          wave.add(name);
        }
      });
      if (wave.isEmpty()) {
        throw new IllegalArgumentException("depends_on forms a cycle among " + String.join(", ",
            waiting.keySet().stream().filter(n -> !placed.contains(n)).toList()));
      }
      placed.addAll(wave);
      waves.add(wave);
    }
    return new ServiceOrder(waves);
  }

  /** Whether any service waits for another: more than one wave. */
  public boolean ordered() {
    return waves.size() > 1;
  }

  /** The waves as one line for plans and logs: {@code migrate → web, worker}. */
  @Override
  public String toString() {
    return String.join(" → ", waves.stream().map(w -> String.join(", ", w)).toList());
  }

  /**
   * A dependency on a service the stack does not have (unless {@code required: false}: then a
   * warning), a cycle, or {@code service_completed_successfully} on a service that is not a job
   * is an invalid stack, reported at the {@code depends_on} entry.
   */
  static void check(SequencedMap<String, ServiceSpec> services, ReadContext context) throws StackFileException {
    for (ServiceSpec service : services.values()) {
      String path = "services." + service.name() + ".depends_on";
      for (ServiceDependency dependency : service.dependsOn()) {
        ServiceSpec target = services.get(dependency.service());
        if (target == null && dependency.required()) {
          throw context.error(path, dependency.line(), "depends_on names service \"" + dependency.service()
              + "\", which this stack does not have (services: " + String.join(", ", services.keySet()) + ")");
        }
        if (target == null) {
          context.warn(path, dependency.line(), "depends_on names service \"" + dependency.service()
              + "\", which this stack does not have; left out since it is not required");
        } else if (dependency.service().equals(service.name())) {
          throw context.error(path, dependency.line(), "depends_on names the service itself");
        } else if (dependency.condition() == ServiceDependency.Condition.SERVICE_COMPLETED_SUCCESSFULLY && !target.job()) {
          throw context.error(path, dependency.line(), "depends_on." + dependency.service()
              + ": service_completed_successfully needs a job (deploy.mode: replicated-job or global-job); "
              + dependency.service() + " runs for good, so it never completes");
        }
      }
    }
    List<String> cycle = cycle(services);
    if (!cycle.isEmpty()) {
      ServiceSpec first = services.get(cycle.getFirst());
      int line = first.dependsOn().stream().filter(d -> d.service().equals(cycle.get(1))).findFirst()
          .map(ServiceDependency::line).orElse(first.line());
      throw context.error("services." + first.name() + ".depends_on", line,
          "depends_on forms a cycle: " + String.join(" → ", cycle) + "; no service of it could ever be deployed first");
    }
  }

  /** One cycle, first service repeated at its end ({@code a, b, a}), or empty. Depth-first, file order. */
  private static List<String> cycle(SequencedMap<String, ServiceSpec> services) {
    Map<String, Integer> state = new LinkedHashMap<>();
    for (String start : services.keySet()) {
      List<String> path = new ArrayList<>();
      List<String> found = visit(start, services, state, path);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static List<String> visit(String name, SequencedMap<String, ServiceSpec> services, Map<String, Integer> state,
      List<String> path) {
    Integer seen = state.get(name);
    if (Objects.equals(seen, 2)) {
      return List.of();
    }
    if (Objects.equals(seen, 1)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      cycle.add(name);
      return cycle;
    }
    state.put(name, 1);
    path.add(name);
    for (ServiceDependency dependency : services.get(name).dependsOn()) {
      if (services.containsKey(dependency.service())) {
        List<String> found = visit(dependency.service(), services, state, path);
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    path.removeLast();
    state.put(name, 2);
    return List.of();
  }
}
