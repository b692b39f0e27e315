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

  private final String step;
  private final FailureKind kind;
  private final boolean storeUnreachable;

  StepFailure(String step, FailureKind kind, String reason, Throwable cause) {
    this(step, kind, reason, cause, false);
  }

  private StepFailure(String step, FailureKind kind, String reason, Throwable cause, boolean storeUnreachable) {
    super(reason, cause);
    this.step = Objects.requireNonNull(step, "step");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.storeUnreachable = storeUnreachable;
  }

  /**
   * The state store could not answer before anything was done: COULD_NOT_TRY, told in the
   * pass's one summary of the outage rather than per target ({@link StoreOutage}).
   */
  static StepFailure storeUnreachable(String step, String reason, PortException e) {
    return new StepFailure(step, FailureKind.COULD_NOT_TRY, reason, e, e.couldNotTry());
  }

  StepFailure(String step, FailureKind kind, String reason) {
    this(step, kind, reason, null);
  }

  /** A port call that failed: unreachable means could not try; refused means the inputs are wrong. */
  static StepFailure of(String step, PortException e) {
    return new StepFailure(step, e.couldNotTry() ? FailureKind.COULD_NOT_TRY : FailureKind.INVALID, e.getMessage(), e);
  }

  String step() {
    return step;
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
