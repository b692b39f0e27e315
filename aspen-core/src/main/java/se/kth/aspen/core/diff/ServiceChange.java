package se.kth.aspen.core.diff;

import java.util.List;
import java.util.Objects;

/**
 * One service of a target that differs between the revisions.
 *
 * @param fields what differs, in a fixed order (image first); for an added or removed service,
 *     its image
 */
public record ServiceChange(String service, Change change, List<FieldChange> fields) {

  public ServiceChange {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(change, "change");
    fields = List.copyOf(fields);
  }
}
