package se.kth.aspen.core.pass;

/** How far a pass goes. */
public enum PassMode {
  /** Work out what would change; stop before unlocking secrets; record, notify and deploy nothing. */
  PLAN,
  /** Deploy what changed, verify, record, notify. */
  DEPLOY,
  /**
   * {@code SKIP_DEPLOYMENT}: plan, then record the changed fingerprints as deployed without
   * deploying anything (to adopt clusters that already run the registry's state).
   */
  RECORD_ONLY,
  /**
   * {@code adopt}: for each changed target, read what its cluster runs; where every service
   * already runs the desired image (tag, and digest where the cluster pinned one), record the
   * fingerprint as deployed (ADOPTED), else report why a deploying pass would deploy it
   * (CHANGED with a reason). Deploys, notifies and records no failure.
   */
  ADOPT
}
