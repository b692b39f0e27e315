package se.kth.aspen.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.kth.aspen.core.compose.DeploySpec;
import se.kth.aspen.core.compose.RestartPolicySpec;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;

/**
 * Every service says how it restarts: {@code deploy.restart_policy} with each required key (KTH:
 * {@code condition}, {@code delay} and {@code max_attempts}, so a crashing task cannot restart
 * forever at full speed).
 */
public final class RestartPolicy implements Policy {

  /** The keys that can be required, in the order they are checked. */
  public static final List<String> KEYS = List.of("condition", "delay", "max_attempts", "window");

  private final List<String> required;

  /** @param required keys among {@link #KEYS} */
  public RestartPolicy(List<String> required) {
    for (String key : required) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("\"" + key + "\" is not a restart_policy key (they are " + String.join(", ", KEYS) + ")");
      }
    }
    this.required = KEYS.stream().filter(required::contains).toList();
  }

  @Override
  public List<Violation> check(StackModel stack, String application) {
    List<Violation> out = new ArrayList<>();
    for (ServiceSpec service : stack.services().values()) {
      String at = "services." + service.name() + ".deploy.restart_policy";
      Optional<RestartPolicySpec> policy = service.deploy().flatMap(DeploySpec::restartPolicy);
      if (policy.isEmpty()) {
        out.add(new Violation(name(), service.name(), stack.line(at),
            "deploy.restart_policy is missing (it needs " + Words.and(required) + ")"));
        continue;
      }
      RestartPolicySpec restart = policy.get();
      for (String key : required) {
        boolean present = switch (key) {
          case "condition" -> restart.condition().isPresent();
          case "delay" -> restart.delay().isPresent();
          case "max_attempts" -> restart.maxAttempts().isPresent();
          default -> restart.window().isPresent();
        };
        if (!present) {
          out.add(new Violation(name(), service.name(), stack.line(at), "deploy.restart_policy." + key + " is missing"));
        }
      }
    }
    return out;
  }
}
