package se.kth.aspen.core.port;

/**
 * The right to deploy one target for a while.
 *
 * @param token random, known only to the holder; renew and release check it
 */
public record Lease(TargetKey target, String token) {

  @Override
  public String toString() {
    return "Lease[" + target + "]";
  }
}
