package se.kth.aspen.runner.page;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassReport;

/**
 * One pass as the timeline draws it.
 *
 * @param revision the registry revision it read; empty when it crashed or had none
 * @param changed targets deployed, adopted or (in a plan) found changed
 * @param failed targets FAILED or BLOCKED
 * @param crashed the pass threw instead of reporting
 */
public record PassSummary(Instant startedAt, Duration duration, String revision, int apps, int changed, int failed,
    boolean crashed) {

  public PassSummary {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(revision, "revision");
    if (apps < 0 || changed < 0 || failed < 0) {
      throw new IllegalArgumentException("counts cannot be negative: " + apps + ", " + changed + ", " + failed);
    }
  }

  static PassSummary of(PassReport report) {
    int changed = (int) (report.count(AppStatus.DEPLOYED) + report.count(AppStatus.CHANGED) + report.count(AppStatus.ADOPTED));
    int failed = (int) (report.count(AppStatus.FAILED) + report.count(AppStatus.BLOCKED));
    return new PassSummary(report.startedAt(), report.duration(), report.revision(), report.results().size(), changed,
        failed, false);
  }

  static PassSummary crashedAt(Instant at) {
    return new PassSummary(at, Duration.ZERO, "", 0, 0, 0, true);
  }
}
