package se.kth.aspen.swarm.cluster;

import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;

/** Where the cluster status document comes from. */
interface ClusterStatusSource {

  /** The document's bytes, as they are now. */
  byte[] read(Deadline deadline) throws PortException;

  /** The source as messages name it: {@code "http://status.example/api/clusters"}, {@code "file /etc/clusters.json"}. */
  String describe();
}
