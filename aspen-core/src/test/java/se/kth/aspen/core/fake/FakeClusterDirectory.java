package se.kth.aspen.core.fake;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterDirectory;
import se.kth.aspen.core.port.ClusterEndpoint;
import se.kth.aspen.core.port.ClusterList;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;

/** A cluster directory whose answer the test sets; counts calls. */
public final class FakeClusterDirectory implements ClusterDirectory {

  private volatile ClusterList list;
  private volatile PortException failure;
  private final AtomicInteger calls = new AtomicInteger();

  public FakeClusterDirectory(List<Cluster> clusters) {
    this.list = ClusterList.of(clusters);
  }

  /** Clusters by name, each on its own fake TCP endpoint ({@code name.example:2376}), not preparing. */
  public static FakeClusterDirectory of(String... names) {
    return new FakeClusterDirectory(List.of(names).stream()
        .map(n -> new Cluster(n, ClusterEndpoint.parse(n + ".example:2376"), false))
        .toList());
  }

  public FakeClusterDirectory list(ClusterList value) {
    this.list = value;
    return this;
  }

  /** The same clusters, marked stale with the reason. */
  public FakeClusterDirectory stale(String because) {
    this.list = new ClusterList(list.clusters(), Optional.of(because));
    return this;
  }

  public FakeClusterDirectory failWith(PortException value) {
    this.failure = value;
    return this;
  }

  public FakeClusterDirectory recover() {
    this.failure = null;
    return this;
  }

  public int calls() {
    return calls.get();
  }

  @Override
  public ClusterList clusters(Deadline deadline) throws PortException {
    calls.incrementAndGet();
    PortException f = failure;
    if (f != null) {
      throw f;
    }
    return list;
  }
}
