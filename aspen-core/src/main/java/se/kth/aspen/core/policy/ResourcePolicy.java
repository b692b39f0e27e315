package se.kth.aspen.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.kth.aspen.core.compose.DeploySpec;
import se.kth.aspen.core.compose.ResourcesSpec;
import se.kth.aspen.core.compose.ResourcesSpec.ResourceValues;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;

/**
 * Every service states its resources: {@code deploy.resources.limits} and
 * {@code deploy.resources.reservations}, each with {@code cpus} and {@code memory}. A missing block
 * is one violation; a block missing a value gives one violation per value.
 */
public final class ResourcePolicy implements Policy {

  @Override
  public List<Violation> check(StackModel stack, String application) {
    List<Violation> out = new ArrayList<>();
    for (ServiceSpec service : stack.services().values()) {
      Optional<ResourcesSpec> resources = service.deploy().flatMap(DeploySpec::resources);
      check(stack, service, "limits", resources.flatMap(ResourcesSpec::limits), out);
      check(stack, service, "reservations", resources.flatMap(ResourcesSpec::reservations), out);
    }
    return out;
  }

  private void check(StackModel stack, ServiceSpec service, String block, Optional<ResourceValues> values,
      List<Violation> out) {
    String key = "deploy.resources." + block;
    String at = "services." + service.name() + "." + key;
    if (values.isEmpty()) {
      out.add(new Violation(name(), service.name(), stack.line(at), key + " is missing (it needs cpus and memory)"));
      return;
    }
    if (values.get().nanoCpus().isEmpty()) {
      out.add(new Violation(name(), service.name(), stack.line(at), key + ".cpus is missing"));
    }
    if (values.get().memoryBytes().isEmpty()) {
      out.add(new Violation(name(), service.name(), stack.line(at), key + ".memory is missing"));
    }
  }
}
