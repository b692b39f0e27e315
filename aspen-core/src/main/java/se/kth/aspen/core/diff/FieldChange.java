package se.kth.aspen.core.diff;

import java.util.Objects;
import java.util.Optional;

/**
 * One field that differs, as it reads on each side.
 *
 * @param field the Compose name of the field ({@code image}, {@code replicas}, {@code
 *     environment.LOG_LEVEL}, {@code deploy.labels.team}, {@code networks.backend})
 * @param before empty when the base has no such field
 * @param after empty when the head has no such field
 */
public record FieldChange(String field, Optional<String> before, Optional<String> after) {

  public FieldChange {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    if (before.equals(after)) {
      throw new IllegalArgumentException(field + " is no change: " + before.orElse("absent") + " on both sides");
    }
  }

  /** {@code replicas: 2 -> 3}, {@code environment.X: added "v"}, {@code labels.team: removed}. */
  @Override
  public String toString() {
    if (before.isEmpty()) {
      return field + ": added " + after.get();
    }
    if (after.isEmpty()) {
      return field + ": removed (was " + before.get() + ")";
    }
    return field + ": " + before.get() + " -> " + after.get();
  }
}
