package se.kth.aspen.core.pass;

import java.util.Locale;
import java.util.Optional;
import se.kth.aspen.core.compose.ServiceLabels;

/** What a pass does with an app whose services no longer run what Aspen deployed. */
public enum DriftPolicy {
  /** Nothing: the drift is not even reported. */
  IGNORE,
  /** Reported as DRIFTED (plan, run, API, metrics) and notified once; the cluster is left alone. */
  REPORT,
  /** The recorded desired state is deployed again, as a deploy. */
  REVERT;

  /**
   * {@code ignore}, {@code report} or {@code revert}, in any case, quoted or not (as {@link
   * ServiceLabels} reads a label); empty for anything else.
   */
  public static Optional<DriftPolicy> parse(String text) {
    return switch (ServiceLabels.unquote(text).strip().toLowerCase(Locale.ROOT)) {
      case "ignore" -> Optional.of(IGNORE);
      case "report" -> Optional.of(REPORT);
      case "revert" -> Optional.of(REVERT);
      default -> Optional.empty();
    };
  }
}
