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
 * Every service states its resources: each required value of {@code deploy.resources} (KTH: all
 * four, {@code cpus} and {@code memory} of both {@code limits} and {@code reservations}). A
 * missing block is one violation; a block missing a value gives one violation per value.
 */
public final class ResourcePolicy implements Policy {

  /** The values that can be required, in the order they are checked. */
  public static final List<String> KEYS = List.of("limits.cpus", "limits.memory", "reservations.cpus", "reservations.memory");

  private final List<String> required;

  /** @param required values among {@link #KEYS} */
  public ResourcePolicy(List<String> required) {
    for (String key : required) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("\"" + key + "\" is not a resources value (they are " + String.join(", ", KEYS) + ")");
      }
    }
    this.required = KEYS.stream().filter(required::contains).toList();
  }

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
    List<String> needed = required.stream().filter(k -> k.startsWith(block + "."))
        .map(k -> k.substring(block.length() + 1)).toList();
    if (needed.isEmpty()) {
      return;
    }
    String key = "deploy.resources." + block;
    String at = "services." + service.name() + "." + key;
    if (values.isEmpty()) {
      out.add(new Violation(name(), service.name(), stack.line(at), key + " is missing (it needs " + Words.and(needed) + ")"));
      return;
    }
    for (String value : needed) {
      boolean present = value.equals("cpus") ? values.get().nanoCpus().isPresent() : values.get().memoryBytes().isPresent();
      if (!present) {
        out.add(new Violation(name(), service.name(), stack.line(at), key + "." + value + " is missing"));
      }
    }
  }
}
