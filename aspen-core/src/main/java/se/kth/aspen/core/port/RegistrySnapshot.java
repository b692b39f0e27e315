package se.kth.aspen.core.port;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One consistent state of the application registry.
 *
 * @param root the directory holding the registry's files (read-only for the pass)
 * @param revision the commit id, or another stable name for this state
 * @param changedPaths paths relative to {@code root}, '/'-separated, changed since the previous
 *     snapshot; empty when not known (a first clone, a plain directory)
 * @param staleBecause present when the source could not be refreshed and this is the last good
 *     snapshot; says why
 */
public record RegistrySnapshot(
    Path root, String revision, Optional<Set<String>> changedPaths, Optional<String> staleBecause) {

  public RegistrySnapshot {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(revision, "revision");
    changedPaths = changedPaths.map(Set::copyOf);
    Objects.requireNonNull(staleBecause, "staleBecause");
  }

  /** A fresh snapshot whose changes are not known. */
  public static RegistrySnapshot of(Path root, String revision) {
    return new RegistrySnapshot(root, revision, Optional.empty(), Optional.empty());
  }

  public boolean stale() {
    return staleBecause.isPresent();
  }
}
