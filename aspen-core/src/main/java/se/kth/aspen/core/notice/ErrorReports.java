package se.kth.aspen.core.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;

/**
 * Error de-duplication (CONTRACT §7): the same error (same app, cluster and step) is reported
 * once; while it persists, again every {@code repeatAfter} (10 minutes), prefixed {@code <!here> }
 * so the channel notices it is still going on; a successful deploy clears it. The marks live in
 * the state store, so runners sharing one store share them, and survive a restart.
 */
public final class ErrorReports {

  /** The prefix of a repeated report. */
  public static final String REPEAT_PREFIX = "<!here> ";

  // Long enough to cover any outage worth repeating about; after it, a still-failing app is
  // reported afresh, without the prefix, which is the right tone after a week of silence.
  private static final Duration MARK_TTL = Duration.ofDays(7);

  private final StateStore state;
  private final Clock clock;
  private final Duration repeatAfter;

  public ErrorReports(StateStore state, Clock clock, Duration repeatAfter) {
    this.state = Objects.requireNonNull(state, "state");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.repeatAfter = Objects.requireNonNull(repeatAfter, "repeatAfter");
  }

  /**
   * Whether to send the notice now, and how: the notice as it is the first time, prefixed when
   * repeated, empty when it was reported less than {@code repeatAfter} ago. Remembers the report.
   *
   * @throws PortException when the state store cannot be reached (the caller sends the notice
   *     anyway: a duplicate is better than silence)
   */
  public Optional<ErrorNotice> admit(ErrorMark mark, ErrorNotice notice) throws PortException {
    Instant now = clock.instant();
    Optional<Instant> reported = state.errorReported(mark);
    if (reported.isPresent() && Duration.between(reported.get(), now).compareTo(repeatAfter) < 0) {
      return Optional.empty();
    }
    state.markErrorReported(mark, now, MARK_TTL);
    if (reported.isEmpty()) {
      return Optional.of(notice);
    }
    return Optional.of(new ErrorNotice(REPEAT_PREFIX + notice.message(), notice.slackChannels(), notice.stackTrace()));
  }

  /** Forgets the target's errors: after a successful deploy, the next error is news again. */
  public void clear(TargetKey target) throws PortException {
    state.clearErrorMarks(target);
  }

  /** {@code Error deploying *<cluster>/<app>* in step _<step>_\n<text>}. */
  public static String message(String cluster, String application, String step, String text) {
    return "Error deploying *" + cluster + "/" + application + "* in step _" + step + "_\n" + text;
  }
}
