package se.kth.aspen.core.pass;

import java.util.List;
import java.util.stream.Collectors;
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

  record Output(List<String> warnings) {}

  private final Policies policies;

  Checking(Policies policies) {
    this.policies = policies;
  }

  Output check(Input in) throws StepFailure {
    List<Violation> violations = policies.check(in.stack(), in.application());
    if (violations.isEmpty()) {
      return new Output(policies.warnings(in.stack(), in.application()).stream()
          .map(w -> in.stack().file() + (w.line() > 0 ? ":" + w.line() : "") + ": service " + w.service() + ": "
              + w.policy() + ": " + w.detail())
          .toList());
    }
    String step = violations.getFirst().policy();
    String reason = violations.stream()
        .map(v -> v.policy().equals(step) ? v.message() : v.toString())
        .collect(Collectors.joining("; "));
    throw StepFailure.policy(step, reason);
  }
}
