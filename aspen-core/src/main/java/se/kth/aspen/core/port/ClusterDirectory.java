package se.kth.aspen.core.port;

/** Where the clusters are: their names, endpoints and flags. */
public interface ClusterDirectory {

  /**
   * The clusters as the directory knows them now. When the directory cannot be read but an
   * earlier list exists, returns that one marked stale.
   *
   * @throws PortException when no list can be had at all, or the answer is malformed
   */
  ClusterList clusters(Deadline deadline) throws PortException;
}
