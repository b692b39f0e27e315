package se.kth.aspen.core.catalogue;

/** Told of every registry request the catalogue makes, for counting. */
@FunctionalInterface
public interface RegistryRequests {

  /** How a request ended. */
  enum Outcome {
    /** The registry answered as asked. */
    OK,
    /** The registry answered, but refused (unknown repository, credentials). */
    REFUSED,
    /** No usable answer: unreachable, timed out, throttled (429) or unavailable (5xx). */
    UNAVAILABLE
  }

  /**
   * @param registry the image's registry host, or {@code default} for images naming none
   */
  void answered(String registry, Outcome outcome);

  /** Counts nothing. */
  static RegistryRequests none() {
    return (registry, outcome) -> { };
  }
}
