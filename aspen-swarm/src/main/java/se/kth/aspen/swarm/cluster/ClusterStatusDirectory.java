package se.kth.aspen.swarm.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterDirectory;
import se.kth.aspen.core.port.ClusterList;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;

/**
 * {@link ClusterDirectory} over the cluster status API ({@code CLUSTER_STATUS_API_URL}) or a JSON
 * file in its format ({@code CLUSTER_STATUS_URL_IS_FILE}), read afresh on every call.
 *
 * <p>When the source cannot be read or its answer is malformed, the last good list is served,
 * marked stale with the reason ({@link ClusterList#staleBecause()}); without one the failure is
 * thrown. Entries that cannot be used (no key, no or a bad endpoint) are logged as warnings when
 * they first appear, and the other clusters are served. Thread-safe.
 */
public final class ClusterStatusDirectory implements ClusterDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterStatusDirectory.class);

  private final ClusterStatusSource source;
  private final ClusterStatusParser parser = new ClusterStatusParser();
  private final AtomicReference<List<Cluster>> lastGood = new AtomicReference<>();
  private final AtomicReference<List<String>> lastProblems = new AtomicReference<>(List.of());
  private final AtomicReference<String> lastFailure = new AtomicReference<>();

  private ClusterStatusDirectory(ClusterStatusSource source) {
    this.source = source;
  }

  /**
   * The directory at an HTTP(S) URL.
   *
   * @param requestTimeout {@code REQUEST_TIMEOUT}: the longest wait for the answer
   * @throws IllegalArgumentException naming the URL when it is not http(s)
   */
  public static ClusterStatusDirectory overHttp(URI url, Duration requestTimeout) {
    return new ClusterStatusDirectory(new StatusApi(Objects.requireNonNull(url, "url"), requestTimeout));
  }

  /** The directory in a local JSON file, in the status API's format. */
  public static ClusterStatusDirectory fromFile(Path file) {
    return new ClusterStatusDirectory(new StatusFile(Objects.requireNonNull(file, "file")));
  }

  /**
   * The directory as the runner's settings name it.
   *
   * @param clusterStatusApiUrl {@code CLUSTER_STATUS_API_URL}: a URL, or a path when {@code urlIsFile}
   * @param urlIsFile whether {@code CLUSTER_STATUS_URL_IS_FILE} is set
   * @throws IllegalArgumentException naming the value when it is not a usable URL
   */
  public static ClusterStatusDirectory fromSettings(String clusterStatusApiUrl, boolean urlIsFile, Duration requestTimeout) {
    Objects.requireNonNull(clusterStatusApiUrl, "clusterStatusApiUrl");
    if (urlIsFile) {
      String path = clusterStatusApiUrl.startsWith("file://") ? URI.create(clusterStatusApiUrl).getPath() : clusterStatusApiUrl;
      return fromFile(Path.of(path));
    }
    URI url;
    try {
      url = URI.create(clusterStatusApiUrl.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("CLUSTER_STATUS_API_URL \"" + clusterStatusApiUrl + "\" is not a URL", e);
    }
    return overHttp(url, requestTimeout);
  }

  @Override
  public ClusterList clusters(Deadline deadline) throws PortException {
    ClusterStatusParser.Parsed parsed;
    try {
      parsed = parser.parse(source.read(deadline), source.describe());
    } catch (PortException e) {
      List<Cluster> last = lastGood.get();
      if (last == null) {
        throw e;
      }
      if (!e.getMessage().equals(lastFailure.getAndSet(e.getMessage()))) {
        LOG.warn("{}; serving the last good list of {} clusters until it can be read again", e.getMessage(), last.size());
      }
      return new ClusterList(last, Optional.of(e.getMessage()));
    }
    if (lastFailure.getAndSet(null) != null) {
      LOG.info("read clusters from {} again", source.describe());
    }
    List<String> before = lastProblems.getAndSet(parsed.problems());
    parsed.problems().stream().filter(problem -> !before.contains(problem)).forEach(LOG::warn);
    lastGood.set(parsed.clusters());
    return ClusterList.of(parsed.clusters());
  }

  @Override
  public String toString() {
    return "ClusterStatusDirectory[" + source.describe() + "]";
  }
}
