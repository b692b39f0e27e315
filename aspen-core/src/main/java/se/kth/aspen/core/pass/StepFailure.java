package se.kth.aspen.core.pass;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import se.kth.aspen.core.policy.Violation;
import se.kth.aspen.core.port.PortException;

/**
 * A stage's way of saying "this target stops here": the step, the kind of failure and a reason a
 * user can act on. Never leaves the target's run; {@link TargetRun} turns it into an {@link
 * AppResult}.
 */
final class StepFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final Step step;
  private final String shown;
  private final FailureKind kind;
  private final boolean storeUnreachable;
  private final transient List<String> problems;
  private final transient List<Violation> violations;

  private StepFailure(Step step, String shown, FailureKind kind, String reason, Throwable cause, boolean storeUnreachable,
      List<String> problems, List<Violation> violations) {
    super(reason, cause);
    this.step = Objects.requireNonNull(step, "step");
    this.shown = Objects.requireNonNull(shown, "shown");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.storeUnreachable = storeUnreachable;
    this.problems = List.copyOf(problems);
    this.violations = List.copyOf(violations);
  }

  private StepFailure(Step step, String shown, FailureKind kind, String reason, Throwable cause, boolean storeUnreachable) {
    this(step, shown, kind, reason, cause, storeUnreachable, List.of(reason), List.of());
  }

  StepFailure(Step step, FailureKind kind, String reason, Throwable cause) {
    this(step, step.shown(), kind, reason, cause, false);
  }

  /** INVALID, for every problem found at once; the reason joins them with {@code ; }. */
  static StepFailure invalid(Step step, List<String> problems) {
    return new StepFailure(step, step.shown(), FailureKind.INVALID, String.join("; ", problems), null, false, problems,
        List.of());
  }

  StepFailure(Step step, FailureKind kind, String reason) {
    this(step, kind, reason, null);
  }

  /**
   * The state store could not answer before anything was done: COULD_NOT_TRY, told in the
   * pass's one summary of the outage rather than per target ({@link StoreOutage}).
   */
  static StepFailure storeUnreachable(Step step, String reason, PortException e) {
    return new StepFailure(step, step.shown(), FailureKind.COULD_NOT_TRY, reason, e, e.couldNotTry());
  }

  /**
   * Violated policies: step {@link Step#CHECK}, shown as the first violated policy's name
   * ({@code ResourcePolicy}), as the tool Aspen replaces named it; the reason gives every
   * violation, the first policy's without its name.
   */
  static StepFailure policies(List<Violation> violations) {
    String policy = violations.getFirst().policy();
    String reason = violations.stream()
        .map(v -> v.policy().equals(policy) ? v.message() : v.toString())
        .collect(Collectors.joining("; "));
    return new StepFailure(Step.CHECK, policy, FailureKind.INVALID, reason, null, false, List.of(reason), violations);
  }

  /** A port call that failed: unreachable means could not try; refused means the inputs are wrong. */
  static StepFailure of(Step step, PortException e) {
    return new StepFailure(step, e.couldNotTry() ? FailureKind.COULD_NOT_TRY : FailureKind.INVALID, e.getMessage(), e);
  }

  /** Each problem on its own: those {@link #invalid} was given, else the reason. */
  List<String> problems() {
    return problems;
  }

  /** The violated policies, for a failure of step Check; else empty. */
  List<Violation> violations() {
    return violations;
  }

  /** The same step, as another kind of failure with another reason, caused by this one. */
  StepFailure as(FailureKind otherKind, String otherReason) {
    return new StepFailure(step, shown, otherKind, otherReason, this, false);
  }

  Step step() {
    return step;
  }

  /** The step's name as results, the API and notices show it. */
  String shown() {
    return shown;
  }

  FailureKind kind() {
    return kind;
  }

  /** Whether the target could not be tried because the state store could not be reached. */
  boolean storeUnreachable() {
    return storeUnreachable;
  }

  String reason() {
    return getMessage();
  }
}
