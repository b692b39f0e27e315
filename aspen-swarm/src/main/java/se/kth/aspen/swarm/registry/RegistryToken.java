package se.kth.aspen.swarm.registry;

import java.time.Instant;
import java.util.Objects;

/** A registry token and the moment, on our clock, after which it is not used any more. */
record RegistryToken(String value, Instant usableUntil) {

  RegistryToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(usableUntil, "usableUntil");
  }

  boolean usableAt(Instant now) {
    return now.isBefore(usableUntil);
  }

  String authorization() {
    return "Bearer " + value;
  }

  @Override
  public String toString() {
    return "RegistryToken[hidden, usableUntil=" + usableUntil + "]";
  }
}
