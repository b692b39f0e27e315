package se.kth.aspen.core.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.RegistrySnapshot;
import se.kth.aspen.core.port.RegistrySource;

/**
 * The application registry as a plain local directory, read as it is, no git (a
 * {@code REGISTRY_REPOSITORY_URL} that is a directory). Its revision is a fixed name: a plain
 * directory has no history, and the fingerprints decide what changed anyway.
 */
public final class DirectoryRegistrySource implements RegistrySource {

  private final Path root;
  private final String revision;

  /** @param revision what the pass reports as the revision, e.g. {@code "directory"} */
  public DirectoryRegistrySource(Path root, String revision) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.revision = Objects.requireNonNull(revision, "revision");
  }

  @Override
  public RegistrySnapshot sync(Deadline deadline) throws PortException {
    if (!Files.isDirectory(root)) {
      throw new RefusedException("reading the registry directory " + root + ": not a directory");
    }
    return RegistrySnapshot.of(root, revision);
  }
}
