package se.kth.aspen.core.pass;

/**
 * Why a target failed, which decides what happens next.
 *
 * <ul>
 *   <li>{@link #INVALID}: the stack or its inputs are wrong (parse error, policy violation, no
 *       tag in range, no password); nothing was tried on the cluster; it fails again until the
 *       repository or registry changes;
 *   <li>{@link #COULD_NOT_TRY}: something was unreachable or the lease was held; nothing changed
 *       on the cluster; the next pass tries again;
 *   <li>{@link #TRIED_AND_FAILED}: the cluster was changed and the result is bad (no
 *       convergence, Swarm rolled back, the engine refused the spec); the failed fingerprint is
 *       recorded and not applied again until it changes, a retry is asked for, or the backoff
 *       expires;
 *   <li>{@link #INTERNAL}: an unexpected error inside Aspen; reported with its stack trace and
 *       retried on the next pass.
 * </ul>
 */
public enum FailureKind {
  INVALID,
  COULD_NOT_TRY,
  TRIED_AND_FAILED,
  INTERNAL
}
