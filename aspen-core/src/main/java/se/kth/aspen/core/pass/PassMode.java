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
  RECORD_ONLY
}
