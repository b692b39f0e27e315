package se.kth.aspen.notify;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.Notifier;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.port.RecoveryNotice;

/**
 * A notifier for when no endpoint is configured: every notice becomes a readable log line,
 * without the markup the HTTP bodies carry. Notices hold names, versions and messages that Aspen
 * wrote, never a secret; label values are not logged.
 */
public final class LogNotifier implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(LogNotifier.class);

  @Override
  public void deployment(DeploymentNotice notice) {
    Objects.requireNonNull(notice, "notice");
    LOG.info("{}", PlainText.deployment(notice));
  }

  @Override
  public void error(ErrorNotice notice) {
    Objects.requireNonNull(notice, "notice");
    LOG.warn("{}", PlainText.error(notice));
    String trace = switch (notice) {
      case ErrorNotice.DeployFailed f -> f.stackTrace().orElse(null);
      case ErrorNotice.PassCrashed c -> c.stackTrace();
      default -> null;
    };
    if (trace != null) {
      LOG.debug("stack trace of the error above:\n{}", trace);
    }
  }

  @Override
  public void recovery(RecoveryNotice notice) {
    Objects.requireNonNull(notice, "notice");
    LOG.info("{}", PlainText.recovery(notice));
  }

  @Override
  public void recommendation(RecommendationNotice notice) {
    Objects.requireNonNull(notice, "notice");
    LOG.info("{}", PlainText.recommendation(notice));
  }
}
