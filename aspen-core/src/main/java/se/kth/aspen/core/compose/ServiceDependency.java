package se.kth.aspen.core.compose;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a service's {@code depends_on}: the service waited for, and in which state.
 *
 * @param service the key of the service depended on, in the same stack
 * @param condition what it must reach before the dependent is created or updated
 * @param required {@code required: false} in the long form: a missing service is then left out
 *     with a warning instead of making the stack invalid
 * @param line the 1-based line of the entry in the stack file
 */
public record ServiceDependency(String service, Condition condition, boolean required, int line) {

  public ServiceDependency {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(condition, "condition");
  }

  /** The Compose conditions, by their written names. */
  public enum Condition {
    /** Its tasks of the current spec have started (Compose's default for the short form). */
    SERVICE_STARTED("service_started"),
    /** Its tasks of the current spec run, healthy by their healthcheck when they have one. */
    SERVICE_HEALTHY("service_healthy"),
    /** A job whose tasks of the current run all completed with exit code 0. */
    SERVICE_COMPLETED_SUCCESSFULLY("service_completed_successfully");

    private final String written;

    Condition(String written) {
      this.written = written;
    }

    /** The name as written in a stack file. */
    public String written() {
      return written;
    }

    /** The condition written as {@code text}, if it is one. */
    public static Optional<Condition> parse(String text) {
      for (Condition c : values()) {
        if (c.written.equals(text)) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }
  }
}
