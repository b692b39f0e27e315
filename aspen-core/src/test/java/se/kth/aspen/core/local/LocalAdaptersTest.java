package se.kth.aspen.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterEndpoint;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RefusedException;

class LocalAdaptersTest {

  @TempDir Path root;

  @Test
  void aDirectoryIsASnapshotOfItselfWithUnknownChanges() throws Exception {
    var snapshot = new DirectoryRegistrySource(root, "directory").sync(Deadline.in(Duration.ofSeconds(1)));

    assertThat(snapshot.root()).isEqualTo(root.toAbsolutePath().normalize());
    assertThat(snapshot.revision()).isEqualTo("directory");
    assertThat(snapshot.changedPaths()).isEmpty();
    assertThat(snapshot.stale()).isFalse();
  }

  @Test
  void aMissingDirectoryIsRefusedByName() {
    Path missing = root.resolve("nope");
    assertThatThrownBy(() -> new DirectoryRegistrySource(missing, "d").sync(Deadline.in(Duration.ofSeconds(1))))
        .isInstanceOf(RefusedException.class)
        .hasMessage("reading the registry directory " + missing + ": not a directory");
  }

  @Test
  void aStaticDirectoryGivesItsClusters() {
    Cluster active = new Cluster("active", ClusterEndpoint.parse("unix:///var/run/docker.sock"), false);

    var list = new StaticClusterDirectory(List.of(active)).clusters(Deadline.in(Duration.ofSeconds(1)));

    assertThat(list.clusters()).containsExactly(active);
    assertThat(list.staleBecause()).isEmpty();
  }
}
