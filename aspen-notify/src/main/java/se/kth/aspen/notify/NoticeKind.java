package se.kth.aspen.notify;

/** The three kinds of message the contract knows, by the setting that names their endpoint. */
enum NoticeKind {
  DEPLOYMENT("SLACK_DEPLOYMENT_POST_URL"),
  ERROR("SLACK_ERROR_POST_URL"),
  RECOMMENDATION("SLACK_RECOMMENDATION_POST_URL");

  private final String setting;

  NoticeKind(String setting) {
    this.setting = setting;
  }

  /** The environment name of the endpoint; used in log lines instead of the URL, which may hold a token. */
  String setting() {
    return setting;
  }

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
