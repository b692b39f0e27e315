package se.kth.aspen.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import se.kth.aspen.core.compose.StackModel;

/**
 * The enforced policies, run together: a stack's violations are reported all at once, so that a
 * team fixes its file in one go rather than one complaint per pass.
 */
public final class Policies {

  private final Set<PolicyName> names;
  private final List<Policy> policies;

  private Policies(Set<PolicyName> names, List<Policy> policies) {
    this.names = names;
    this.policies = List.copyOf(policies);
  }

  /** The policies {@code settings} enforces, in {@link PolicyName} order, with its values. */
  public static Policies of(PolicySettings settings) {
    Objects.requireNonNull(settings, "settings");
    List<Policy> policies = new ArrayList<>();
    for (PolicyName name : settings.enforced()) {
      policies.add(switch (name) {
        case REPLICAS -> new ReplicasPolicy();
        case LOGGING -> new LoggingPolicy(settings.loggingOptions());
        case RESTART -> new RestartPolicy(settings.restartKeys());
        case RESOURCES -> new ResourcePolicy(settings.resourceKeys());
        case FRONT_END_RULE -> new FrontEndRulePolicy(settings);
        case HOST_BIND -> new HostBindPolicy(settings);
      });
    }
    return new Policies(settings.enforced(), policies);
  }

  /** Every violation of every policy, policy by policy, each in service order; empty when the stack complies. */
  public List<Violation> check(StackModel stack, String application) {
    List<Violation> out = new ArrayList<>();
    for (Policy policy : policies) {
      out.addAll(policy.check(stack, application));
    }
    return List.copyOf(out);
  }

  /** Every warning of every policy (see {@link Policy#warnings}), policy by policy; never stops a deploy. */
  public List<Violation> warnings(StackModel stack, String application) {
    List<Violation> out = new ArrayList<>();
    for (Policy policy : policies) {
      out.addAll(policy.warnings(stack, application));
    }
    return List.copyOf(out);
  }

  /** The names of the policies applied, in the order they run. */
  public Set<PolicyName> names() {
    return names;
  }

  public List<Policy> policies() {
    return policies;
  }
}
