package se.kth.aspen.core.port;

/**
 * The forge that hosts the registry's repository (GitHub, GitLab, Gitea/Forgejo, Bitbucket), told
 * how each target fared on the commit it deployed.
 */
public interface CommitStatuses {

  /** Posts nothing: for a runner without a forge configured. */
  CommitStatuses NONE = status -> {};

  /**
   * Posts the status. Returns at once and never throws: a forge that is down or slow never slows
   * or fails a pass; what could not be delivered is logged.
   */
  void post(CommitStatus status);
}
