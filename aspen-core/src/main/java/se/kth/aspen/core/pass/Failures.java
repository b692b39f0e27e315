package se.kth.aspen.core.pass;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a failure in any stage becomes: recorded and announced (unless the pass only looks), and
 * the target's FAILED result. Under a lease ({@link #owned}), a failure that would be recorded
 * is recorded only by the lease's owner.
 */
final class Failures {

  private final TargetContext context;
  private final Optional<Leasing.Held> lease;

  Failures(TargetContext context) {
    this(context, Optional.empty());
  }

  private Failures(TargetContext context, Optional<Leasing.Held> lease) {
    this.context = context;
    this.lease = lease;
  }

  /** The failures of the stages run under {@code held}. */
  Failures owned(Leasing.Held held) {
    return new Failures(context, Optional.of(held));
  }

  AppResult result(Known known, StepFailure failure, List<String> rolledBack) {
    StepFailure told = lease.map(held -> owned(held, failure)).orElse(failure);
    PassMode mode = context.pass().mode();
    // Plans and adoptions only look: a failure there is reported, never recorded or announced.
    boolean looking = mode == PassMode.PLAN || mode == PassMode.ADOPT;
    Known after = known;
    if (!looking) {
      Optional<String> unrecorded = context.pass().recording().failure(context.target(), context.key(), told,
          known.fingerprint(), known.retried(), known.stack(), true);
      after = known.warned(unrecorded.stream().toList());
    }
    String reason = told.reason();
    if (!rolledBack.isEmpty()) {
      reason += "; rolled back " + String.join(", ", rolledBack) + " to their previous spec";
    }
    return after.result(AppStatus.FAILED, Optional.of(told.shown()), Optional.of(reason), Map.of(), Optional.of(told.kind()),
        Optional.empty(), Optional.empty(), rolledBack);
  }

  /**
   * A failure that would be recorded is recorded only by the lease's owner: one whose lease is
   * gone becomes COULD_NOT_TRY, its state left to whoever holds the target now.
   */
  private static StepFailure owned(Leasing.Held held, StepFailure failure) {
    if (failure.kind() != FailureKind.TRIED_AND_FAILED) {
      return failure;
    }
    return held.confirm()
        .map(lost -> failure.as(FailureKind.COULD_NOT_TRY, failure.reason() + "; " + lost
            + ": nothing recorded; tried again next pass"))
        .orElse(failure);
  }
}
