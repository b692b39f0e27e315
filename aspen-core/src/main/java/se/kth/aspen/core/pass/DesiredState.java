package se.kth.aspen.core.pass;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.policy.Violation;

/**
 * What one target of one registry tree asks the cluster to run, as far as it can be known without
 * the cluster, the state store or the vault key: the stack, the image of every service with its
 * range resolved, and what would stop the deploy.
 *
 * @param stack empty when the stack could not be read or its ranges not resolved
 * @param images by service, ranges resolved, in file order; empty with the stack
 * @param violations every policy the stack breaks (each names its line)
 * @param warnings what the policies warn of without stopping the deploy (a host bind under
 *     {@code HOST_BIND_POLICY=warn}), each naming its line
 * @param failure why the stack could not be read or resolved, naming file and line
 */
public record DesiredState(
    AppTarget target,
    Optional<StackModel> stack,
    Map<String, se.kth.aspen.core.image.ImageReference> images,
    List<Violation> violations,
    List<Violation> warnings,
    Optional<Failure> failure) {

  /**
   * A read or resolve failure.
   *
   * @param couldNotTry the image registry could not be asked: the failure says nothing of the stack
   */
  public record Failure(String step, String reason, boolean couldNotTry) {
    public Failure {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(reason, "reason");
    }
  }

  public DesiredState {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(stack, "stack");
    images = java.util.Collections.unmodifiableSequencedMap(new java.util.LinkedHashMap<>(images));
    violations = List.copyOf(violations);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(failure, "failure");
  }

  /** Whether a deploy of this state would be refused before reaching the cluster. */
  public boolean wouldFail() {
    return failure.isPresent() || !violations.isEmpty();
  }
}
