package se.kth.aspen.core.pass;

import java.util.List;
import java.util.stream.Collectors;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.policy.Policies;
import se.kth.aspen.core.policy.Violation;

/**
 * Check: the enforced policies. Every violation is reported at once; the step is the first
 * violated policy's name ({@code ResourcePolicy}), as the tool Aspen replaces named it.
 */
final class Checking {

  record Input(StackModel stack, String application) {}

  record Output(List<Violation> violations) {}

  private final Policies policies;

  Checking(Policies policies) {
    this.policies = policies;
  }

  Output check(Input in) throws StepFailure {
    List<Violation> violations = policies.check(in.stack(), in.application());
    if (violations.isEmpty()) {
      return new Output(violations);
    }
    String step = violations.getFirst().policy();
    String reason = violations.stream()
        .map(v -> v.policy().equals(step) ? v.message() : v.toString())
        .collect(Collectors.joining("; "));
    throw new StepFailure(step, FailureKind.INVALID, reason);
  }
}
