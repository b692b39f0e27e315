package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.git.GitRegistrySourceFileTest.deadline;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.RegistrySnapshot;

/**
 * Symbolic links in the registry are checked out as links (so readers can see and refuse them)
 * and never let a checkout write outside the clone.
 */
class GitRegistrySourceSymlinkTest {

  @TempDir Path directory;
  private RemoteRepository remote;
  private GitRegistrySource source;
  private Path outside;

  @BeforeEach
  void createRemote() throws Exception {
    outside = Files.createDirectories(directory.resolve("outside"));
    remote = RemoteRepository.create(directory.resolve("remote"));
    remote.commit("one app", Map.of("app-a/active/docker-stack.yml", "a\n"));
    source = new GitRegistrySource(GitRegistrySettings.of(remote.fileUrl(), directory.resolve("work")));
  }

  @AfterEach
  void close() {
    source.close();
    remote.close();
  }

  @Test
  void aSymlinkInTheRegistryIsCheckedOutAsALinkNotAsItsTarget() throws Exception {
    Files.writeString(outside.resolve("secret.txt"), "outside\n");
    remote.createSymlink("app-a/active/secrets.env", outside.resolve("secret.txt"));
    remote.commit("a link out", Map.of());

    RegistrySnapshot snapshot = source.sync(deadline());

    Path link = snapshot.root().resolve("app-a/active/secrets.env");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(outside.resolve("secret.txt"));
    assertThat(outside).isDirectoryContaining(p -> p.getFileName().toString().equals("secret.txt"));
  }

  @Test
  void aLinkReplacedByADirectoryIsNeverWrittenThrough() throws Exception {
    remote.createSymlink("app-b", outside);
    remote.commit("app-b is a link out", Map.of());
    RegistrySnapshot linked = source.sync(deadline());
    assertThat(Files.isSymbolicLink(linked.root().resolve("app-b"))).isTrue();

    remote.removePath("app-b");
    remote.commit("app-b is a real directory", Map.of("app-b/active/docker-stack.yml", "b\n"));
    RegistrySnapshot snapshot = source.sync(deadline());

    assertThat(Files.isDirectory(snapshot.root().resolve("app-b"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(snapshot.root().resolve("app-b/active/docker-stack.yml")).hasContent("b");
    try (Stream<Path> written = Files.list(outside)) {
      assertThat(written).isEmpty();
    }
  }
}
