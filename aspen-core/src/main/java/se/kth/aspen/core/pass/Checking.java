package se.kth.aspen.core.pass;

import java.util.List;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.policy.Policies;
import se.kth.aspen.core.policy.Violation;

/**
 * Check: the enforced policies. Every violation is reported at once; the step is the first
 * violated policy's name ({@code ResourcePolicy}), as the tool Aspen replaces named it. A stack
 * that complies may still have warnings (a host bind under {@code HOST_BIND_POLICY=warn}), as
 * users read them: {@code app/active/docker-stack.yml:12: service web: HostBindPolicy: ...}.
 */
final class Checking {

  record Input(StackModel stack, String application) {}

  /** @param warnings what the policies warn of in a stack that complies */
  record Output(List<Violation> warnings) {
    Output {
      warnings = List.copyOf(warnings);
    }
  }

  private final Policies policies;

  Checking(Policies policies) {
    this.policies = policies;
  }

  Output check(Input in) throws StepFailure {
    List<Violation> violations = policies.check(in.stack(), in.application());
    if (violations.isEmpty()) {
      return new Output(policies.warnings(in.stack(), in.application()));
    }
    throw StepFailure.policies(violations);
  }

  /** A policy's warning as users read it: {@code app/active/docker-stack.yml:12: service web: HostBindPolicy: ...}. */
  static String describe(StackModel stack, Violation warning) {
    return stack.file() + (warning.line() > 0 ? ":" + warning.line() : "") + ": service " + warning.service() + ": "
        + warning.policy() + ": " + warning.detail();
  }
}
