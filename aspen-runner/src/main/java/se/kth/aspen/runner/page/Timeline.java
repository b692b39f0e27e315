package se.kth.aspen.runner.page;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The last passes as one inline SVG: a bar per pass, as high as the pass was long (relative to
 * the longest shown), its colour and its tooltip saying what it did. The page's script draws the
 * same bars again as passes end.
 */
final class Timeline {

  static final int WIDTH = 600;
  static final int HEIGHT = 48;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private Timeline() {}

  static String svg(List<PassSummary> passes) {
    StringBuilder out = new StringBuilder(256 + passes.size() * 160);
    out.append("<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"").append(Html.escape(label(passes))).append("\">");
    long longest = passes.stream().mapToLong(p -> p.duration().toMillis()).max().orElse(1);
    double slot = (double) WIDTH / PassHistory.KEPT;
    for (int i = 0; i < passes.size(); i++) {
      PassSummary pass = passes.get(i);
      double height = Math.max(3, (HEIGHT - 2) * (double) pass.duration().toMillis() / Math.max(1, longest));
      out.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
          kind(pass), i * slot + 1, HEIGHT - height, slot - 2, height));
      out.append("<title>").append(Html.escape(describe(pass))).append("</title></rect>");
    }
    return out.append("</svg>").toString();
  }

  /** The bar's class, which the style sheet colours: crashed, failed, changed or quiet. */
  static String kind(PassSummary pass) {
    return pass.crashed() ? "crashed" : pass.failed() > 0 ? "failed" : pass.changed() > 0 ? "changed" : "quiet";
  }

  static String describe(PassSummary pass) {
    if (pass.crashed()) {
      return TIME.format(pass.startedAt()) + ": the pass failed as a whole";
    }
    return TIME.format(pass.startedAt()) + ": " + seconds(pass.duration()) + ", " + pass.apps() + " apps, "
        + pass.changed() + " changed, " + pass.failed() + " failed";
  }

  private static String label(List<PassSummary> passes) {
    if (passes.isEmpty()) {
      return "no pass has ended yet";
    }
    long withFailures = passes.stream().filter(p -> p.crashed() || p.failed() > 0).count();
    Duration longest = passes.stream().map(PassSummary::duration).max(Duration::compareTo).orElse(Duration.ZERO);
    return "the last " + passes.size() + " passes: the longest took " + seconds(longest) + ", " + withFailures
        + " had failures";
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  static String time(java.time.Instant at) {
    return TIME.format(at);
  }
}
