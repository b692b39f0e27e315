package se.kth.aspen.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import se.kth.aspen.core.compose.StackModel;

/**
 * All the policies of CONTRACT §5, run together: a stack's violations are reported all at once, so
 * that a team fixes its file in one go rather than one complaint per pass.
 */
public final class Policies {

  private final List<Policy> policies;

  public Policies(List<Policy> policies) {
    this.policies = List.copyOf(policies);
  }

  /** Replicas, logging, restart, resources and front-end rule, in that order. */
  public static Policies standard(PolicySettings settings) {
    Objects.requireNonNull(settings, "settings");
    return new Policies(List.of(new ReplicasPolicy(), new LoggingPolicy(), new RestartPolicy(), new ResourcePolicy(),
        new FrontEndRulePolicy(settings)));
  }

  /** Every violation of every policy, policy by policy, each in service order; empty when the stack complies. */
  public List<Violation> check(StackModel stack, String application) {
    List<Violation> out = new ArrayList<>();
    for (Policy policy : policies) {
      out.addAll(policy.check(stack, application));
    }
    return List.copyOf(out);
  }

  public List<Policy> policies() {
    return policies;
  }
}
