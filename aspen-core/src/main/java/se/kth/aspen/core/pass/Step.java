package se.kth.aspen.core.pass;

/**
 * The steps of one target's run, in the order {@link TargetRun} takes them, each with the name
 * results, the API and notices show; each {@link Stage} names its step. A policy violation shows the first violated policy's name
 * instead of {@code Check} ({@link StepFailure#policy}).
 */
enum Step {
  /** The target is not for this runner, or its cluster is unknown. */
  SELECT("Select"),
  /** The stack file and its directory are read: hashed, parsed, interpolated, confined. */
  READ("Read"),
  /** Version ranges become tags. */
  RESOLVE("Resolve"),
  /** The fingerprint is compared with what is recorded. */
  DECIDE("Decide"),
  /** The enforced policies. */
  CHECK("Check"),
  /** A deploy waits for the apps it is labelled to follow ({@code se.kth.aspen.dependsOn}). */
  ORDER("Order"),
  /** An adopting pass compares what runs with the desired state. */
  ADOPT("Adopt"),
  /** The target's lease is taken, so that one runner changes it at a time. */
  LEASE("Lease"),
  /** The files the stack names are read, {@code secrets.env} and vaulted bind files decrypted, in memory. */
  UNLOCK("Unlock"),
  /** Before a deploy, under the lease, tags become digests when pinning is on. */
  PIN("Pin"),
  /** The orchestrator applies the stack. */
  DEPLOY("Deploy"),
  /** The stack converges, or is rolled back. */
  VERIFY("Verify"),
  /** The outcome is written to the state store. */
  RECORD("Record"),
  /** What runs differs from what was deployed. */
  DRIFT("Drift");

  private final String shown;

  Step(String shown) {
    this.shown = shown;
  }

  /** The name users see in results, the API and notices. */
  String shown() {
    return shown;
  }
}
