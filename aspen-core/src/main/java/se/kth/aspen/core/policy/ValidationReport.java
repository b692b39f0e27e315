package se.kth.aspen.core.policy;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import se.kth.aspen.core.compose.StackWarning;

/**
 * The outcome of validating one stack file offline.
 *
 * @param file the file as shown to users
 * @param errors why the file could not be read or modelled (messages naming file, line and
 *     service); when not empty, no policy was checked
 * @param violations every policy violation
 * @param warnings things worth saying that do not stop a deploy
 * @param policies the policies the file was checked against (when it could be read)
 */
public record ValidationReport(String file, List<String> errors, List<Violation> violations, List<StackWarning> warnings,
    Set<PolicyName> policies) {

  public ValidationReport {
    Objects.requireNonNull(file, "file");
    errors = List.copyOf(errors);
    violations = List.copyOf(violations);
    warnings = List.copyOf(warnings);
    policies = PolicyName.ordered(policies);
  }

  /** True when the file would pass the read and check stages of a pass. */
  public boolean valid() {
    return errors.isEmpty() && violations.isEmpty();
  }
}
