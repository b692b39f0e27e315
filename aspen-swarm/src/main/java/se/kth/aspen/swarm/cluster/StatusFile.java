package se.kth.aspen.swarm.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/** The cluster status document as a local file ({@code CLUSTER_STATUS_URL_IS_FILE}), read afresh each time. */
final class StatusFile implements ClusterStatusSource {

  private static final long MAX_BYTES = 16L * 1024 * 1024;

  private final Path file;

  StatusFile(Path file) {
    this.file = file;
  }

  @Override
  public byte[] read(Deadline deadline) throws PortException {
    String attempt = "reading clusters from " + describe();
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new RefusedException(attempt + ": larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new RefusedException(attempt + ": no such file", e);
    } catch (IOException e) {
      throw new UnreachableException(attempt + ": " + e, e);
    }
  }

  @Override
  public String describe() {
    return "file " + file;
  }
}
