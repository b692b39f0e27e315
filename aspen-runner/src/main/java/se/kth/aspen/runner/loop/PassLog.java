package se.kth.aspen.runner.loop;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.Notifier;
import se.kth.aspen.runner.report.ProgressLine;
import se.kth.aspen.runner.report.SummaryTable;

/**
 * Logs what passes did (a line per app that did something, a summary per pass) and tells the
 * error notifier when Aspen itself fails: a pass that throws, or a problem of the
 * pass as a whole (registry or cluster directory unreadable). Like app errors, the same problem
 * is told once, then again after {@link #REPEAT_AFTER} as a repeat while it lasts.
 */
public final class PassLog implements PassObserver {

  /** How long the same pass problem stays quiet after it was told. */
  public static final Duration REPEAT_AFTER = Duration.ofMinutes(10);

  private static final Logger log = LoggerFactory.getLogger("se.kth.aspen.pass");

  private final Notifier notifier;
  private final Clock clock;
  private final Map<String, Instant> told = new HashMap<>();

  public PassLog(Notifier notifier, Clock clock) {
    this.notifier = notifier;
    this.clock = clock;
  }

  @Override
  public void appDone(AppResult result) {
    switch (result.status()) {
      case FAILED, BLOCKED -> log.warn(ProgressLine.of(result));
      case UNCHANGED, SKIPPED -> {
        // Most apps of most passes: build the line only when it is logged.
        if (log.isDebugEnabled()) {
          log.debug(ProgressLine.of(result));
        }
      }
      default -> log.info(ProgressLine.of(result));
    }
    // What the stack file says that Swarm ignores, or that the CLI would have dropped in silence.
    result.warnings().forEach(warning -> log.warn("{} warning: {}", result.target(), warning));
  }

  @Override
  public void passDone(PassReport report) {
    report.problems().forEach(problem -> log.warn("pass problem: {}", problem));
    tellProblems(report);
    boolean quiet = report.results().stream().allMatch(r -> r.status() == AppStatus.UNCHANGED || r.status() == AppStatus.SKIPPED);
    if (quiet && report.problems().isEmpty()) {
      log.debug("pass done: {}", SummaryTable.counts(report));
    } else {
      log.info("pass done: {}", SummaryTable.counts(report));
    }
  }

  /** Passes may end at once. */
  private synchronized void tellProblems(PassReport report) {
    Instant now = clock.instant();
    told.keySet().retainAll(report.problems());
    for (String problem : report.problems()) {
      Instant last = told.get(problem);
      if (last == null || !now.isBefore(last.plus(REPEAT_AFTER))) {
        notifier.error(new ErrorNotice.PassProblem(problem, last != null));
        told.put(problem, now);
      }
    }
  }

  @Override
  public void passCrashed(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    notifier.error(new ErrorNotice.PassCrashed(failure.getClass().getSimpleName(),
        Optional.ofNullable(failure.getMessage()), trace.toString()));
  }
}
