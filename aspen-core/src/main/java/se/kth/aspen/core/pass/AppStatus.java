package se.kth.aspen.core.pass;

/** What a pass did, or would do, with one target. */
public enum AppStatus {
  /** Deployed and verified in this pass. */
  DEPLOYED,
  /** Differs from what was last deployed; a deploying pass would deploy it (plan, record-only). */
  CHANGED,
  /** The cluster already ran this desired state: recorded as deployed without deploying (adopt). */
  ADOPTED,
  /** Same fingerprint as the last good deploy: nothing was done. */
  UNCHANGED,
  /** Not for this pass: cluster not selected, app excluded; the reason says which. */
  SKIPPED,
  /** Could not be deployed; step and reason say why. */
  FAILED,
  /** This very desired state already failed on the cluster; not applied again until it changes. */
  BLOCKED,
  /**
   * Unchanged in git, but its services no longer run what was deployed (changed, scaled or
   * removed by hand); the reason lists what differs. Reported, not reverted (DRIFT_POLICY).
   */
  DRIFTED,
  /**
   * Another runner sharing the state holds the target's lease: it is deploying it, so this one
   * left it alone. Not a failure; nobody is told; the next pass sees what the other recorded.
   */
  HELD
}
