package se.kth.aspen.core.port;

import java.util.List;
import java.util.Objects;

/** Advice for a deployed stack. */
public sealed interface RecommendationNotice {

  String application();

  /** The channels the stack's services name, in file order; empty when none does. */
  List<String> channels();

  /**
   * The first service lacks a recommended label.
   *
   * @param label the label ({@code se.kth.importance})
   * @param hint what it should hold ({@code low, medium or high})
   */
  record MissingLabel(String application, String label, String hint, List<String> channels)
      implements RecommendationNotice {
    public MissingLabel {
      Objects.requireNonNull(application, "application");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(hint, "hint");
      channels = List.copyOf(channels);
    }
  }

  /**
   * The stack was deployed, but a policy warned about it (a host bind).
   *
   * @param warning the policy's words
   */
  record PolicyWarning(String application, String cluster, String warning, List<String> channels)
      implements RecommendationNotice {
    public PolicyWarning {
      Objects.requireNonNull(application, "application");
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(warning, "warning");
      channels = List.copyOf(channels);
    }
  }
}
