package se.kth.aspen.runner.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.policy.PolicyName;

/**
 * The table a person reads after a pass: app, cluster, status, image, time; one row per app
 * (more when it has several services), then why each failed app failed, then the policies the
 * stacks were checked against and a count line.
 */
public final class SummaryTable {

  private static final String[] HEADER = {"APP", "CLUSTER", "STATUS", "IMAGE", "TIME"};

  private SummaryTable() {}

  public static String render(PassReport report) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (AppResult result : report.results()) {
      List<String> images = result.images().entrySet().stream().map(SummaryTable::image).toList();
      rows.add(new String[] {
          result.target().application(), result.target().cluster(), result.status().name(),
          images.isEmpty() ? "-" : images.getFirst(), ProgressLine.seconds(result.duration())});
      for (String more : images.subList(Math.min(1, images.size()), images.size())) {
        rows.add(new String[] {"", "", "", more, ""});
      }
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    if (report.results().isEmpty()) {
      out.append("(no application found)\n");
    }
    for (AppResult result : report.results()) {
      if (result.status() == AppStatus.FAILED || result.status() == AppStatus.BLOCKED || result.status() == AppStatus.DRIFTED
          || (result.status() == AppStatus.CHANGED && result.reason().isPresent())) {
        out.append('\n').append(result.status()).append(' ').append(result.target())
            .append(result.step().map(s -> " in step " + s).orElse("")).append(": ")
            .append(result.reason().orElse("(no reason given)"))
            .append(result.blockedSince().map(s -> " (since " + s + ")").orElse("")).append('\n');
      }
      if (!result.rolledBack().isEmpty()) {
        out.append("rolled back in ").append(result.target()).append(": ")
            .append(String.join(", ", result.rolledBack())).append('\n');
      }
    }
    for (var orphan : report.orphans()) {
      out.append("\nORPHANED ").append(orphan.cluster()).append('/').append(orphan.stack()).append(" (no directory since ")
          .append(orphan.since()).append("): ").append(orphan.removed() ? "removed (PRUNE)" : orphan.note().orElse("kept"))
          .append('\n');
    }
    for (String problem : report.problems()) {
      out.append("\nproblem: ").append(problem).append('\n');
    }
    out.append("\npolicies applied: ").append(PolicyName.describe(report.policies())).append('\n');
    out.append(counts(report)).append('\n');
    return out.toString();
  }

  /** E.g. {@code revision 3b01b96: 1 DEPLOYED, 2 UNCHANGED, 1 FAILED in 4.2s}. */
  public static String counts(PassReport report) {
    List<String> parts = new ArrayList<>();
    for (AppStatus status : AppStatus.values()) {
      long count = report.count(status);
      if (count > 0) {
        parts.add(count + " " + status);
      }
    }
    String revision = report.revision().isEmpty() ? "no revision"
        : "revision " + report.revision().substring(0, Math.min(12, report.revision().length()));
    return revision + ": " + (parts.isEmpty() ? "no apps" : String.join(", ", parts))
        + " in " + ProgressLine.seconds(report.duration());
  }

  /** {@code web=registry/name:tag@sha256:0123456789ab}: a digest is shortened as docker does; the JSON keeps it whole. */
  private static String image(Map.Entry<String, String> service) {
    String image = service.getValue();
    int digest = image.indexOf("@sha256:");
    if (digest >= 0 && image.length() > digest + 8 + 12) {
      image = image.substring(0, digest + 8 + 12);
    }
    return service.getKey() + "=" + image;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
