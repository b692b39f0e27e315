package se.kth.aspen.core.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;

/**
 * Error de-duplication: the same error (same app, cluster and step) is reported
 * once; while it persists, again every {@code repeatAfter} (10 minutes) as a repeat, which the
 * notifier makes stand out so the channel notices it is still going on; a successful deploy
 * clears it. The marks live in
 * the state store, so runners sharing one store share them, and survive a restart.
 *
 * <p>They are kept in this object's memory as well (one instance lives as long as the runner's
 * {@code Pass}): while the store cannot be reached an error is reported at most once, not once
 * per pass, and a report sent during an outage still counts once the store is back.
 */
public final class ErrorReports {

  /** How an admitted error is told. */
  public enum Telling {
    /** The first time, or afresh after its mark expired or was cleared. */
    FIRST,
    /** Again, because it persists. */
    REPEAT;

    /** Whether the notice is a repeat. */
    public boolean repeat() {
      return this == REPEAT;
    }
  }

  // Long enough to cover any outage worth repeating about; after it, a still-failing app is
  // reported afresh, without the prefix, which is the right tone after a week of silence.
  private static final Duration MARK_TTL = Duration.ofDays(7);

  private final StateStore state;
  private final Clock clock;
  private final Duration repeatAfter;
  /** When this runner last reported each error, whether or not the store heard of it. */
  private final Map<ErrorMark, Instant> reportedHere = new ConcurrentHashMap<>();
  /** Whether the state store's current outage was told; in memory only, as the store is what is down. */
  private final java.util.concurrent.atomic.AtomicBoolean storeOutageTold = new java.util.concurrent.atomic.AtomicBoolean();

  public ErrorReports(StateStore state, Clock clock, Duration repeatAfter) {
    this.state = Objects.requireNonNull(state, "state");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.repeatAfter = Objects.requireNonNull(repeatAfter, "repeatAfter");
  }

  /**
   * Whether to tell the error now, and how: first, as a repeat, or not at all (empty) when it was
   * reported less than {@code repeatAfter} ago. Remembers the report, in the store when it can.
   * While the store cannot be reached, an error already reported by this runner is not reported
   * again (once per outage), and one never reported is.
   */
  public Optional<Telling> admit(ErrorMark mark) {
    Instant now = clock.instant();
    Optional<Instant> reported;
    try {
      reported = state.errorReported(mark);
    } catch (PortException e) {
      return reportedHere.putIfAbsent(mark, now) == null ? Optional.of(Telling.FIRST) : Optional.empty();
    }
    Instant here = reportedHere.get(mark);
    if (here != null && (reported.isEmpty() || here.isAfter(reported.get()))) {
      reported = Optional.of(here);
    }
    if (reported.isPresent() && Duration.between(reported.get(), now).compareTo(repeatAfter) < 0) {
      return Optional.empty();
    }
    reportedHere.put(mark, now);
    try {
      state.markErrorReported(mark, now, MARK_TTL);
    } catch (PortException e) {
      // Remembered here; the store learns of the next report.
    }
    return Optional.of(reported.isEmpty() ? Telling.FIRST : Telling.REPEAT);
  }

  /**
   * The summary of the targets a pass could not try because the state store was down: sent once
   * per outage, however many passes it lasts; empty when this outage was told already.
   */
  public Optional<ErrorNotice.StoreOutage> admitStoreOutage(ErrorNotice.StoreOutage summary) {
    return storeOutageTold.compareAndSet(false, true) ? Optional.of(summary) : Optional.empty();
  }

  /** The state store answers again: its next outage is news. */
  public void storeOutageOver() {
    storeOutageTold.set(false);
  }

  /** Forgets the target's errors: after a successful deploy, the next error is news again. */
  public void clear(TargetKey target) throws PortException {
    reportedHere.keySet().removeIf(mark -> mark.target().equals(target));
    state.clearErrorMarks(target);
  }

  /**
   * Forgets the target's errors when this runner reported one: an app found unchanged (its
   * error cleared without a deploy) must not have a later error held back or sent as a repeat.
   * Costs nothing for the many targets that had no error.
   */
  public void clearIfReported(TargetKey target) throws PortException {
    if (reportedHere.isEmpty()) {
      return; // nearly always: asked for every unchanged target of every pass
    }
    for (ErrorMark mark : reportedHere.keySet()) {
      if (mark.target().equals(target)) {
        clear(target);
        return;
      }
    }
  }
}
