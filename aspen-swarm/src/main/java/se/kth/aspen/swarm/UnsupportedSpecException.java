package se.kth.aspen.swarm;

/** A part of a service that cannot be expressed as a Swarm spec; it is refused, never dropped. */
final class UnsupportedSpecException extends Exception {

  UnsupportedSpecException(String service, String what) {
    super("service " + service + ": " + what);
  }
}
