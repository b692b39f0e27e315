package se.kth.aspen.core.port;

/** How many tasks a deployed service runs: a count, or one per node for a global service. */
public sealed interface Replicas {

  /** A replicated service's {@code deploy.replicas} (1 when the stack file does not say). */
  record Count(int value) implements Replicas {
    public Count {
      if (value < 0) {
        throw new IllegalArgumentException("a replica count cannot be negative, got " + value);
      }
    }
  }

  /** A global service: one task per node. */
  record Global() implements Replicas {}

  static Replicas count(int value) {
    return new Count(value);
  }

  static Replicas global() {
    return new Global();
  }
}
