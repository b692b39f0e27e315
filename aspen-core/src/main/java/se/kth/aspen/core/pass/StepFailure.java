package se.kth.aspen.core.pass;

import java.util.Objects;
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

  private StepFailure(Step step, String shown, FailureKind kind, String reason, Throwable cause, boolean storeUnreachable) {
    super(reason, cause);
    this.step = Objects.requireNonNull(step, "step");
    this.shown = Objects.requireNonNull(shown, "shown");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.storeUnreachable = storeUnreachable;
  }

  StepFailure(Step step, FailureKind kind, String reason, Throwable cause) {
    this(step, step.shown(), kind, reason, cause, false);
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
   * A violated policy: step {@link Step#CHECK}, shown as the policy's name ({@code
   * ResourcePolicy}), as the tool Aspen replaces named it.
   */
  static StepFailure policy(String policy, String reason) {
    return new StepFailure(Step.CHECK, policy, FailureKind.INVALID, reason, null, false);
  }

  /** A port call that failed: unreachable means could not try; refused means the inputs are wrong. */
  static StepFailure of(Step step, PortException e) {
    return new StepFailure(step, e.couldNotTry() ? FailureKind.COULD_NOT_TRY : FailureKind.INVALID, e.getMessage(), e);
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
