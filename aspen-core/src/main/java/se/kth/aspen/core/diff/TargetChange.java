package se.kth.aspen.core.diff;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.compose.ServiceOrder;

/**
 * One {@code <app>/<cluster>} whose desired state differs between the revisions.
 *
 * @param stackPath the stack file's path in the registry, '/'-separated
 * @param files files of the target's directory other than the stack file that were added,
 *     removed or changed ({@code secrets.env changed}): their content reaches the cluster as
 *     environment, configs, secrets or mounts
 * @param stack top-level networks, volumes, configs and secrets that differ
 * @param services the services that differ, in the head's file order, then those removed
 * @param problems what would stop the head's deploy: policy violations and read or resolve
 *     failures, each naming the file and line
 * @param couldNotTry the head could not be worked out at all (the image registry did not answer)
 * @param order the waves the head's services would be deployed in, as {@code depends_on} orders
 *     them ({@code migrate → web}); empty when no service waits for another
 * @param warnings what the head's deploy would warn of without failing (a host bind under
 *     {@code HOST_BIND_POLICY=warn}), each naming the file and line
 */
public record TargetChange(
    String application,
    String cluster,
    String stackPath,
    Change change,
    List<String> files,
    List<FieldChange> stack,
    List<ServiceChange> services,
    List<String> problems,
    boolean couldNotTry,
    Optional<ServiceOrder> order,
    List<String> warnings) {

  public TargetChange {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(stackPath, "stackPath");
    Objects.requireNonNull(change, "change");
    files = List.copyOf(files);
    stack = List.copyOf(stack);
    services = List.copyOf(services);
    problems = List.copyOf(problems);
    Objects.requireNonNull(order, "order");
    warnings = List.copyOf(warnings);
  }

  /** Whether deploying the head would fail before it reaches the cluster. */
  public boolean wouldFail() {
    return !problems.isEmpty();
  }

  @Override
  public String toString() {
    return application + "/" + cluster;
  }
}
