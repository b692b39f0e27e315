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

  StepFailure(String step, FailureKind kind, String reason, Throwable cause) {
    super(reason, cause);
    this.step = Objects.requireNonNull(step, "step");
    this.kind = Objects.requireNonNull(kind, "kind");
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

  String reason() {
    return getMessage();
  }
}
