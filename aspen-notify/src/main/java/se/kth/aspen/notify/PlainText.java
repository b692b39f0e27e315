package se.kth.aspen.notify;

import java.util.List;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.port.RecoveryNotice;
import se.kth.aspen.core.port.Replicas;

/**
 * Notices as one readable line for the log, without Slack's markup. Label values and stack
 * traces stay out: the line names what happened and where.
 */
final class PlainText {

  private PlainText() {}

  static String deployment(DeploymentNotice notice) {
    String replicas = switch (notice.replicas()) {
      case Replicas.Count c -> c.value() + (c.value() == 1 ? " replica" : " replicas");
      case Replicas.Global g -> "global";
    };
    return "deployed " + notice.cluster() + "/" + notice.application() + ": "
        + notice.image().map(ImageReference::toString).orElse("no image") + ", " + replicas
        + notice.reason().map(reason -> " (reason: " + reason.name().toLowerCase(java.util.Locale.ROOT) + ")").orElse("");
  }

  static String error(ErrorNotice notice) {
    String text = switch (notice) {
      case ErrorNotice.DeployFailed f ->
          "error deploying " + f.cluster() + "/" + f.application() + " in step " + f.step() + ": " + f.reason();
      case ErrorNotice.Drift d -> "drift on " + d.cluster() + "/" + d.application()
          + ": its services no longer run what was deployed: " + String.join("; ", d.differences());
      case ErrorNotice.StoreOutage o -> o.targets().size() + (o.targets().size() == 1 ? " app" : " apps")
          + " could not be tried: " + o.store() + " unreachable (" + o.reason() + ")";
      case ErrorNotice.PassProblem p -> "the pass had a problem: " + p.problem();
      case ErrorNotice.PassCrashed c ->
          "the pass failed as a whole: " + c.exception() + c.message().map(m -> ": " + m).orElse("");
    };
    return notice.repeat() ? text + " (still so, told again)" : text;
  }

  static String recommendation(RecommendationNotice notice) {
    return switch (notice) {
      case RecommendationNotice.MissingLabel m ->
          "recommendation for " + m.application() + ": set the label " + m.label() + " (" + m.hint() + ")";
      case RecommendationNotice.PolicyWarning w ->
          "recommendation for " + w.application() + ": deployed to " + w.cluster() + " with a policy warning: " + w.warning();
    };
  }

  static String recovery(RecoveryNotice notice) {
    List<String> images = notice.images().stream().map(ImageReference::toString).sorted().toList();
    return "recovered: " + notice.cluster() + "/" + notice.application() + " deployed " + String.join(", ", images)
        + " (failing in step " + notice.failedStep() + " since " + notice.failingSince() + ")";
  }

  /** The first line of a text, at most 200 characters: the subject of a delivery's log lines. */
  static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
