package se.kth.aspen.core.port;

/** The application registry: a consistent snapshot of the repository of stack files. */
public interface RegistrySource {

  /**
   * Brings the local copy up to date and returns it. When the remote cannot be reached but an
   * earlier snapshot exists, returns that one marked stale instead of failing.
   *
   * @throws PortException when there is no usable snapshot at all
   */
  RegistrySnapshot sync(Deadline deadline) throws PortException;
}
