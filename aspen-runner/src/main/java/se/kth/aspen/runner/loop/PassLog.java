package se.kth.aspen.runner.loop;

import java.io.PrintWriter;
import java.io.StringWriter;
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
 * error notifier when a pass fails as a whole ("Aspen itself fails", CONTRACT §7).
 */
public final class PassLog implements PassObserver {

  private static final Logger log = LoggerFactory.getLogger("se.kth.aspen.pass");

  private final Notifier notifier;

  public PassLog(Notifier notifier) {
    this.notifier = notifier;
  }

  @Override
  public void appDone(AppResult result) {
    switch (result.status()) {
      case FAILED, BLOCKED -> log.warn(ProgressLine.of(result));
      case UNCHANGED, SKIPPED -> log.debug(ProgressLine.of(result));
      default -> log.info(ProgressLine.of(result));
    }
  }

  @Override
  public void passDone(PassReport report) {
    report.problems().forEach(problem -> log.warn("pass problem: {}", problem));
    boolean quiet = report.results().stream().allMatch(r -> r.status() == AppStatus.UNCHANGED || r.status() == AppStatus.SKIPPED);
    if (quiet && report.problems().isEmpty()) {
      log.debug("pass done: {}", SummaryTable.counts(report));
    } else {
      log.info("pass done: {}", SummaryTable.counts(report));
    }
  }

  @Override
  public void passCrashed(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    notifier.error(new ErrorNotice(
        "Aspen's pass failed as a whole: " + failure.getClass().getSimpleName()
            + Optional.ofNullable(failure.getMessage()).map(m -> ": " + m).orElse(""),
        Optional.empty(), Optional.of(trace.toString())));
  }
}
