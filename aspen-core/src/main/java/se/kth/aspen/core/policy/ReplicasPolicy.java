package se.kth.aspen.core.policy;

import java.util.ArrayList;
import java.util.List;
import se.kth.aspen.core.compose.DeploySpec;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;

/** Every service says how many tasks it runs: {@code deploy.replicas}, or {@code deploy.mode: global}. */
public final class ReplicasPolicy implements Policy {

  @Override
  public List<Violation> check(StackModel stack, String application) {
    List<Violation> out = new ArrayList<>();
    for (ServiceSpec service : stack.services().values()) {
      String at = "services." + service.name() + ".deploy";
      if (service.deploy().isEmpty()) {
        out.add(new Violation(name(), service.name(), service.line(), "deploy is missing (it needs replicas, or mode: global)"));
        continue;
      }
      DeploySpec deploy = service.deploy().get();
      if (deploy.replicas().isEmpty() && !deploy.global() && !deploy.job()) {
        out.add(new Violation(name(), service.name(), stack.line(at), "deploy.replicas is missing (or mode: global)"));
      }
    }
    return out;
  }
}
