package se.kth.aspen.core.policy;

import java.util.Objects;

/**
 * One way a stack breaks a policy.
 *
 * @param policy the policy's name, e.g. {@code ResourcePolicy}
 * @param service the service concerned
 * @param line the 1-based line of the key concerned or, when it is missing, of where it belongs; 0
 *     when unknown
 * @param detail what is wrong, e.g. {@code deploy.resources.limits.memory is missing}
 */
public record Violation(String policy, String service, int line, String detail) {

  public Violation {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(detail, "detail");
  }

  /** As users read it: {@code service web: deploy.resources.limits.memory is missing (line 14)}. */
  public String message() {
    return "service " + service + ": " + detail + (line > 0 ? " (line " + line + ")" : "");
  }

  @Override
  public String toString() {
    return policy + ": " + message();
  }
}
