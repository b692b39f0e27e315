package se.kth.aspen.core.port;

import java.util.Optional;

/**
 * Tells people about deployments, errors and advice. Calls return at once and never throw: a
 * notifier that is down or slow must not block or fail a deploy.
 */
public interface Notifier {

  void deployment(DeploymentNotice notice);

  void error(ErrorNotice notice);

  void recommendation(RecommendationNotice notice);

  /**
   * A target that had failed is deployed again. The contract's HTTP format has no endpoint of its
   * own for this, so by default it goes where the failure went, as an error notice without a
   * stack trace.
   */
  default void recovery(RecoveryNotice notice) {
    error(new ErrorNotice(notice.message(), notice.slackChannels(), Optional.empty()));
  }
}
