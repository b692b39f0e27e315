package se.kth.aspen.core.pass;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.notice.ErrorReports;
import se.kth.aspen.core.notice.Notices;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.Notifier;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.port.RecoveryNotice;
import se.kth.aspen.core.port.SpecDifference;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

/**
 * Record: what a deploy's outcome leaves behind. A verified deploy becomes the last good record,
 * clears the target's error marks and is announced (with recommendations, a recommendation per
 * policy warning such as a host bind, and a recovery notice
 * when it had failed before). A deploy that was tried and failed becomes the last failed record,
 * so the same state is not applied again. Errors are announced once (de-duplicated).
 * A notifier or state store that fails here never turns a result into an exception.
 */
final class Recording {

  private static final Logger LOG = LoggerFactory.getLogger(Recording.class);

  private final StateStore state;
  private final Notifier notifier;
  private final ErrorReports errors;
  private final Clock clock;
  private final String frontEndRuleLabel;
  private final StoreOutage outage;

  Recording(StateStore state, Notifier notifier, Clock clock, PassSettings settings, ErrorReports errors) {
    this.outage = new StoreOutage(state);
    this.state = state;
    this.notifier = notifier;
    this.clock = clock;
    this.errors = errors;
    this.frontEndRuleLabel = settings.frontEndRuleLabel();
  }

  /**
   * A verified deploy: recorded, then announced. A deploy whose record cannot be written is
   * still announced (it happened), then fails the target in step Record: recording is part of
   * success, and the next pass deploys and records it again.
   *
   * @param reason why it was deployed when not for a change in git (a drift put back), given in
   *     the notice
   * @param policyWarnings the stack's policy warnings (a host bind), each sent as a recommendation
   * @throws StepFailure COULD_NOT_TRY in step Record when the state store could not record it
   */
  void success(AppTarget target, TargetKey key, DeployRecord record, TargetState before, StackModel stack,
      Map<String, ImageReference> images, Optional<DeploymentNotice.Reason> reason, List<String> policyWarnings)
      throws StepFailure {
    Optional<PortException> unrecorded = Optional.empty();
    try {
      state.recordSuccess(key, record);
    } catch (PortException e) {
      unrecorded = Optional.of(e);
    }
    if (unrecorded.isEmpty()) {
      try {
        errors.clear(key);
      } catch (PortException e) {
        LOG.warn("{}: deployed and recorded, but its error marks could not be cleared: {}", target, e.getMessage());
      }
    }
    Instant now = clock.instant();
    DeploymentNotice notice = Notices.deployment(target.application(), target.cluster(), stack, images, frontEndRuleLabel, now);
    safely(() -> notifier.deployment(reason.map(notice::because).orElse(notice)));
    for (var recommendation : Notices.recommendations(target.application(), stack)) {
      safely(() -> notifier.recommendation(recommendation));
    }
    List<String> channels = Notices.channels(stack);
    for (String warning : policyWarnings) {
      safely(() -> notifier.recommendation(
          new RecommendationNotice.PolicyWarning(target.application(), target.cluster(), warning, channels)));
    }
    if (unrecorded.isPresent()) {
      throw new StepFailure(Step.RECORD, FailureKind.COULD_NOT_TRY, "DEPLOYED_NOT_RECORDED: deployed and verified, but the "
          + "record could not be written (" + unrecorded.get().getMessage() + "); deployed and recorded again next pass",
          unrecorded.get());
    }
    before.lastFailed().ifPresent(failed -> safely(() -> notifier.recovery(new RecoveryNotice(
        target.application(), target.cluster(), List.copyOf(images.values()), failed.step(), failed.since(), channels))));
  }

  /** An app found unchanged: an error it had since its last deploy has cleared. */
  void unchanged(AppTarget target, TargetKey key) {
    try {
      errors.clearIfReported(key);
    } catch (PortException e) {
      LOG.debug("{}: its cleared error marks could not be removed: {}", target, e.getMessage());
    }
  }

  /**
   * Only records, for RECORD_ONLY and ADOPT passes: nothing was deployed, nothing is announced.
   *
   * @throws StepFailure COULD_NOT_TRY in step Record when the state store could not record it
   */
  void adopted(TargetKey key, DeployRecord record) throws StepFailure {
    try {
      state.recordSuccess(key, record);
    } catch (PortException e) {
      throw new StepFailure(Step.RECORD, FailureKind.COULD_NOT_TRY, "not recorded: the record could not be written ("
          + e.getMessage() + "); recorded again next pass", e);
    }
  }

  /**
   * A failed target: a TRIED_AND_FAILED state is remembered (attempts counted when it is the
   * same state tried again); the error is announced unless it was announced recently.
   *
   * @param fingerprint the desired state, when known
   * @param retried the earlier failure of this same state, when this was a retry
   * @return a warning when the state store could not record it
   */
  Optional<String> failure(AppTarget target, TargetKey key, StepFailure failure, Optional<String> fingerprint,
      Optional<FailureRecord> retried, Optional<StackModel> stack, boolean announce) {
    Optional<String> warning = Optional.empty();
    if (failure.kind() == FailureKind.TRIED_AND_FAILED && fingerprint.isPresent()) {
      Instant since = retried.map(FailureRecord::since).orElse(clock.instant());
      int attempts = retried.map(r -> r.attempts() + 1).orElse(1);
      try {
        state.recordFailure(key, new FailureRecord(fingerprint.get(), since, failure.shown(), failure.reason(), attempts));
      } catch (PortException e) {
        warning = Optional.of("the failure was not recorded (it may be tried again next pass): " + e.getMessage());
      }
    }
    if (announce) {
      announce(target, key, failure, stack);
    }
    return warning;
  }

  /** This pass's targets that could not be tried because the store was down. */
  StoreOutage outage() {
    return outage;
  }

  /** After the pass: the one summary of the targets the store's outage stopped, when it is news. */
  void outageSummary() {
    outage.summary(errors).ifPresent(n -> safely(() -> notifier.error(n)));
  }

  private void announce(AppTarget target, TargetKey key, StepFailure failure, Optional<StackModel> stack) {
    if (failure.storeUnreachable()) {
      outage.failed(target, failure.reason());
      return;
    }
    boolean expected = failure.kind() == FailureKind.INVALID || failure.kind() == FailureKind.TRIED_AND_FAILED;
    errors.admit(new ErrorMark(key, failure.shown())).ifPresent(telling -> safely(() -> notifier.error(
        new ErrorNotice.DeployFailed(target.application(), target.cluster(), failure.shown(), failure.reason(),
            expected ? stack.map(Notices::channels).orElse(List.of()) : List.of(),
            expected ? Optional.empty() : Optional.of(stackTrace(failure)), telling.repeat()))));
  }

  /**
   * A drift, announced to the error URL once per distinct drift (and again after the error
   * repeat time while it lasts, as errors are); the next good deploy clears the mark. The
   * differences name fields only, never a value that may be secret.
   */
  void drift(AppTarget target, TargetKey key, List<SpecDifference> differences) {
    List<String> lines = differences.stream().map(SpecDifference::toString).toList();
    // The mark names the drift by its lines, so that another drift is news at once.
    String text = String.join("\n", lines);
    errors.admit(new ErrorMark(key, Step.DRIFT.shown() + " " + Integer.toHexString(text.hashCode())))
        .ifPresent(telling -> safely(() -> notifier.error(
            new ErrorNotice.Drift(target.application(), target.cluster(), lines, telling.repeat()))));
  }

  private static String stackTrace(StepFailure failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    StringWriter out = new StringWriter();
    cause.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static void safely(Runnable notice) {
    try {
      notice.run();
    } catch (RuntimeException e) {
      LOG.warn("a notifier threw, which it must not; the notice is lost: {}", e.toString());
    }
  }

  static Map<String, String> texts(Map<String, ImageReference> images) {
    Map<String, String> out = new TreeMap<>();
    images.forEach((k, v) -> out.put(k, v.toString()));
    return out;
  }
}
