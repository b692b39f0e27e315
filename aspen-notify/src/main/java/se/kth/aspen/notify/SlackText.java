package se.kth.aspen.notify;

import java.util.List;
import java.util.Optional;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.port.RecoveryNotice;

/**
 * The {@code message} texts of the bodies, in Slack's markup ({@code *bold*}, {@code _italic_},
 * {@code `code`}, {@code <!here>}), shaped as the old tool's: Alvares passes them on to Slack as
 * they are, and people and channel filters know them, so they change only on purpose
 * (SlackTextTest pins each).
 */
final class SlackText {

  /** Put before a repeated error so that the channel notices it is still going on. */
  static final String REPEAT_PREFIX = "<!here> ";

  /** How many targets a store outage names; the rest are counted. */
  static final int NAMED_TARGETS = 20;

  private SlackText() {}

  static String error(ErrorNotice notice) {
    String text = switch (notice) {
      case ErrorNotice.DeployFailed f ->
          "Error deploying *" + f.cluster() + "/" + f.application() + "* in step _" + f.step() + "_ \n" + unquoted(f.reason());
      case ErrorNotice.Drift d -> "Drift on *" + d.cluster() + "/" + d.application()
          + "*: its services no longer run what was deployed\n" + String.join("\n", d.differences());
      case ErrorNotice.StoreOutage o -> storeOutage(o);
      case ErrorNotice.PassProblem p -> "Aspen's pass had a problem: " + p.problem();
      case ErrorNotice.PassCrashed c ->
          "Aspen's pass failed as a whole: " + c.exception() + c.message().map(m -> ": " + m).orElse("");
    };
    return notice.repeat() ? REPEAT_PREFIX + text : text;
  }

  /**
   * The old tool took quotes and backticks out of an error's text, so that a reason quoting a file
   * or a label can never close the markup around it; channel filters and people know it so.
   */
  static String unquoted(String reason) {
    return reason.replace("`", "").replace("'", "").replace("\"", "");
  }

  private static String storeOutage(ErrorNotice.StoreOutage outage) {
    List<String> targets = outage.targets();
    int count = targets.size();
    String named = String.join(", ", targets.subList(0, Math.min(NAMED_TARGETS, count)))
        + (count > NAMED_TARGETS ? " and " + (count - NAMED_TARGETS) + " more" : "");
    return count + (count == 1 ? " app" : " apps") + " could not be tried: " + outage.store() + " unreachable\n"
        + outage.reason() + "\n" + named + "\nTried again every pass; told once until " + outage.store()
        + " answers again.";
  }

  static String recommendation(RecommendationNotice notice) {
    return switch (notice) {
      case RecommendationNotice.MissingLabel m -> "*" + m.application() + "*: Recommended docker-stack.yml config\n `"
          + m.label() + "=\"" + m.hint() + "\"`";
      case RecommendationNotice.PolicyWarning w ->
          "*" + w.application() + "*: deployed to " + w.cluster() + " with a policy warning\n" + w.warning();
    };
  }

  static String recovery(RecoveryNotice notice) {
    List<String> images = notice.images().stream().map(ImageReference::toString).sorted().toList();
    return "Recovered: *" + notice.cluster() + "/" + notice.application() + "* deployed " + images
        + " (failing in step _" + notice.failedStep() + "_ since " + notice.failingSince() + ")";
  }

  /** The channels of a body's {@code slackChannels}: joined with {@code ,}; empty when there are none. */
  static Optional<String> channels(List<String> channels) {
    return channels.isEmpty() ? Optional.empty() : Optional.of(String.join(",", channels));
  }
}
