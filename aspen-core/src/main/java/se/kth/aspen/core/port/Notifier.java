package se.kth.aspen.core.port;

/**
 * Tells people about deployments, errors and advice. A notice carries facts; how they read and
 * what goes on the wire is the adapter's. Calls return at once and never throw: a notifier that
 * is down or slow must not block or fail a deploy.
 */
public interface Notifier {

  void deployment(DeploymentNotice notice);

  void error(ErrorNotice notice);

  void recommendation(RecommendationNotice notice);

  /** A target that had failed is deployed again. */
  void recovery(RecoveryNotice notice);
}
