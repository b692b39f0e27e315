package se.kth.aspen.swarm.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterList;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RefusedException;

/** {@code CLUSTER_STATUS_URL_IS_FILE}: the same document in a local file. */
class ClusterStatusFileTest {

  @TempDir
  Path dir;

  private static Deadline deadline() {
    return Deadline.in(Duration.ofSeconds(5));
  }

  @Test
  void readsTheFileNamedByTheSettingEachTime() throws Exception {
    Path file = dir.resolve("clusters.json");
    Files.writeString(file, "[{\"name\": \"active\", \"lb_ip\": \"unix:///var/run/docker.sock\"}]");
    ClusterStatusDirectory directory = ClusterStatusDirectory.fromSettings(file.toString(), true, Duration.ofSeconds(5));
    assertThat(directory.clusters(deadline()).clusters()).extracting(Cluster::name).containsExactly("active");

    Files.writeString(file, "[{\"status\": \"stage\", \"load_balancer_ip\": \"tcp://127.0.0.1:2375\"}]");
    assertThat(directory.clusters(deadline()).clusters()).extracting(Cluster::name).containsExactly("stage");
  }

  @Test
  void acceptsAFileUrl() throws Exception {
    Path file = dir.resolve("clusters.json");
    Files.writeString(file, "[{\"name\": \"active\", \"lb_ip\": \"10.0.0.5:2376\"}]");

    assertThat(ClusterStatusDirectory.fromSettings(file.toUri().toString(), true, Duration.ofSeconds(5))
        .clusters(deadline()).clusters()).hasSize(1);
  }

  @Test
  void refusesAMissingFileWhenThereIsNoEarlierList() {
    Path file = dir.resolve("absent.json");

    assertThatThrownBy(() -> ClusterStatusDirectory.fromFile(file).clusters(deadline()))
        .isInstanceOf(RefusedException.class)
        .hasMessage("reading clusters from file " + file + ": no such file");
  }

  @Test
  void servesTheLastGoodListWhenTheFileTurnsMalformedOrDisappears() throws Exception {
    Path file = dir.resolve("clusters.json");
    Files.writeString(file, "[{\"name\": \"active\", \"lb_ip\": \"10.0.0.5:2376\"}]");
    ClusterStatusDirectory directory = ClusterStatusDirectory.fromFile(file);
    ClusterList good = directory.clusters(deadline());

    Files.writeString(file, "[{\"name\": \"active\", \"lb_ip\": ");
    assertThat(directory.clusters(deadline())).isEqualTo(new ClusterList(good.clusters(), Optional.of(
        "reading clusters from file " + file + ": malformed JSON at line 1, column 30"
            + " (Unexpected end-of-input within/between Object entries)")));

    Files.delete(file);
    assertThat(directory.clusters(deadline()).staleBecause())
        .contains("reading clusters from file " + file + ": no such file");
  }
}
