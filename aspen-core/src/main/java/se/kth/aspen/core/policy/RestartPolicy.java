package se.kth.aspen.core.policy;

import java.util.ArrayList;
import java.util.List;
import se.kth.aspen.core.compose.DeploySpec;
import se.kth.aspen.core.compose.RestartPolicySpec;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;

/**
 * Every service says how it restarts: {@code deploy.restart_policy} with {@code condition},
 * {@code delay} and {@code max_attempts}, so a crashing task cannot restart forever at full speed.
 */
public final class RestartPolicy implements Policy {

  @Override
  public List<Violation> check(StackModel stack, String application) {
    List<Violation> out = new ArrayList<>();
    for (ServiceSpec service : stack.services().values()) {
      String at = "services." + service.name() + ".deploy.restart_policy";
      var policy = service.deploy().flatMap(DeploySpec::restartPolicy);
      if (policy.isEmpty()) {
        out.add(new Violation(name(), service.name(), stack.line(at),
            "deploy.restart_policy is missing (it needs condition, delay and max_attempts)"));
        continue;
      }
      RestartPolicySpec restart = policy.get();
      if (restart.condition().isEmpty()) {
        out.add(missing(stack, service, at, "condition"));
      }
      if (restart.delay().isEmpty()) {
        out.add(missing(stack, service, at, "delay"));
      }
      if (restart.maxAttempts().isEmpty()) {
        out.add(missing(stack, service, at, "max_attempts"));
      }
    }
    return out;
  }

  private Violation missing(StackModel stack, ServiceSpec service, String at, String key) {
    return new Violation(name(), service.name(), stack.line(at), "deploy.restart_policy." + key + " is missing");
  }
}
