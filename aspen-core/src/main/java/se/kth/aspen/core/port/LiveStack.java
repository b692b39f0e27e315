package se.kth.aspen.core.port;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stack as it runs on a cluster.
 *
 * @param name the stack name
 * @param services its services, by name
 */
public record LiveStack(String name, List<LiveService> services) {

  public LiveStack {
    Objects.requireNonNull(name, "name");
    services = List.copyOf(services);
  }

  /** Whether {@code group} deployed it to the cluster named {@code cluster} (any of its services says so). */
  public boolean deployedBy(String group, String cluster) {
    return services.stream().anyMatch(s -> s.managedBy().filter(group::equals).isPresent()
        && s.cluster().filter(cluster::equals).isPresent());
  }

  /** The management group that labelled any of its services, if one did. */
  public Optional<String> managedBy() {
    return services.stream().flatMap(s -> s.managedBy().stream()).findFirst();
  }
}
