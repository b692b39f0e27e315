package se.kth.aspen.core.compose;

import java.util.Map;
import java.util.Optional;

/**
 * A top-level secret or config.
 *
 * @param file the {@code file:} path as written, relative to the stack file's directory
 */
public record FileObjectSpec(
    Optional<String> name,
    boolean external,
    Optional<String> file,
    Map<String, String> labels,
    Optional<String> templateDriver) {

  public FileObjectSpec {
    labels = Map.copyOf(labels);
  }

  /** True when the content comes from a file beside the stack file (not external). */
  public boolean fromFile() {
    return !external && file.isPresent();
  }
}
