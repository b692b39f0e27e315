package se.kth.aspen.runner.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import se.kth.aspen.core.diff.Change;
import se.kth.aspen.core.diff.RegistryDiff;
import se.kth.aspen.core.diff.TargetChange;

/** The words every format of {@code plan --diff} shares: the summary line and each target's heading. */
final class DiffSummary {

  private DiffSummary() {}

  /** {@code 3 apps change, 1 app added, 1 app would fail policy}; {@code no app changes} when nothing differs. */
  static String line(RegistryDiff diff) {
    List<String> parts = new ArrayList<>();
    count(parts, diff.count(Change.CHANGED), "changes", "change");
    count(parts, diff.count(Change.ADDED), "added", "added");
    count(parts, diff.count(Change.REMOVED), "removed", "removed");
    long policy = diff.targets().stream().filter(t -> t.problems().stream().anyMatch(DiffSummary::policy)).count();
    long other = diff.targets().stream().filter(t -> t.wouldFail() && t.problems().stream().noneMatch(DiffSummary::policy)).count();
    count(parts, policy, "would fail policy", "would fail policy");
    count(parts, other, "would fail", "would fail");
    return parts.isEmpty() ? "no app changes" : String.join(", ", parts);
  }

  private static void count(List<String> parts, long n, String one, String many) {
    if (n > 0) {
      parts.add(n + (n == 1 ? " app " + one : " apps " + many));
    }
  }

  private static boolean policy(String problem) {
    return problem.matches("^[A-Za-z]+Policy: .*");
  }

  /** {@code app-a/active (app-a/active/docker-stack.yml): changed}. */
  static String heading(TargetChange target) {
    return target.application() + "/" + target.cluster() + " (" + target.stackPath() + "): " + word(target.change())
        + (target.wouldFail() ? ", WOULD FAIL" : "");
  }

  static String word(Change change) {
    return change.name().toLowerCase(Locale.ROOT);
  }
}
