package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.RefusedException;

class RevisionExportTest {

  @TempDir
  Path dir;

  @Test
  void eachRevisionIsWrittenAsItsOwnTreeAndTheCommitIdReturned() throws Exception {
    try (RemoteRepository repo = RemoteRepository.create(dir)) {
      ObjectId first = repo.commit("first", Map.of("app/active/docker-stack.yml", "one", "app/active/gone.txt", "x"));
      Map<String, String> change = new java.util.HashMap<>();
      change.put("app/active/docker-stack.yml", "two");
      change.put("app/active/gone.txt", null);
      ObjectId second = repo.commit("second", change);

      String base = GitRegistrySource.exportRevision(repo.bare(), first.name(), dir.resolve("base"));
      String head = GitRegistrySource.exportRevision(repo.bare(), "main", dir.resolve("head"));

      assertThat(base).isEqualTo(first.name());
      assertThat(head).isEqualTo(second.name());
      assertThat(dir.resolve("base/app/active/docker-stack.yml")).hasContent("one");
      assertThat(dir.resolve("base/app/active/gone.txt")).hasContent("x");
      assertThat(dir.resolve("head/app/active/docker-stack.yml")).hasContent("two");
      assertThat(dir.resolve("head/app/active/gone.txt")).doesNotExist();
    }
  }

  @Test
  void aRevisionRelativeToAnotherResolvesInAWorkTreeToo() throws Exception {
    try (RemoteRepository repo = RemoteRepository.create(dir)) {
      ObjectId first = repo.commit("first", Map.of("a/b/docker-stack.yml", "one"));
      repo.commit("second", Map.of("a/b/docker-stack.yml", "two"));

      assertThat(GitRegistrySource.exportRevision(dir.resolve("author"), "HEAD~1", dir.resolve("out"))).isEqualTo(first.name());
      assertThat(dir.resolve("out/a/b/docker-stack.yml")).hasContent("one");
    }
  }

  @Test
  void anUnknownRevisionIsRefusedNamingIt() throws Exception {
    try (RemoteRepository repo = RemoteRepository.create(dir)) {
      repo.commit("first", Map.of("a/b/docker-stack.yml", "one"));

      assertThatThrownBy(() -> GitRegistrySource.exportRevision(repo.bare(), "no-such-branch", dir.resolve("out")))
          .isInstanceOf(RefusedException.class)
          .hasMessage("revision \"no-such-branch\" is not a commit of " + repo.bare());
    }
  }

  @Test
  void aDirectoryThatIsNoRepositoryIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("plain"));

    assertThatThrownBy(() -> GitRegistrySource.exportRevision(dir.resolve("plain"), "main", dir.resolve("out")))
        .isInstanceOf(RefusedException.class)
        .hasMessageStartingWith(dir.resolve("plain") + " is not a git repository");
  }
}
