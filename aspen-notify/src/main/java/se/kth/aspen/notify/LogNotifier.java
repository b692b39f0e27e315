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
 * A notifier for when no endpoint is configured: every notice becomes a log line. Notices hold
 * names, versions and messages that Aspen wrote, never a secret; label values are not logged.
 */
public final class LogNotifier implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(LogNotifier.class);

  @Override
  public void deployment(DeploymentNotice notice) {
    Objects.requireNonNull(notice, "notice");
    LOG.info("deployed {} to {}: version {} of {}, {} replicas{}",
        notice.applicationName(), notice.cluster(), notice.version(), notice.imageName(), notice.replicas(),
        notice.reason().map(reason -> " (reason: " + reason + ")").orElse(""));
  }

  @Override
  public void error(ErrorNotice notice) {
    Objects.requireNonNull(notice, "notice");
    LOG.warn("{}", notice.message());
    notice.stackTrace().ifPresent(trace -> LOG.debug("stack trace of the error above:\n{}", trace));
  }

  @Override
  public void recovery(RecoveryNotice notice) {
    Objects.requireNonNull(notice, "notice");
    LOG.info("{}", notice.message());
  }

  @Override
  public void recommendation(RecommendationNotice notice) {
    Objects.requireNonNull(notice, "notice");
    LOG.info("recommendation: {}", notice.message());
  }
}
