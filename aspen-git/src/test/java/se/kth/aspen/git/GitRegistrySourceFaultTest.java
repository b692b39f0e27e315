package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.kth.aspen.git.GitRegistrySourceFileTest.deadline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.RegistrySnapshot;
import se.kth.aspen.core.port.UnreachableException;

/** A remote that goes away, a local copy that breaks: the last good snapshot, then a re-clone. */
class GitRegistrySourceFaultTest {

  @TempDir Path directory;
  private RemoteRepository remote;
  private GitRegistrySource source;
  private Path work;

  @BeforeEach
  void createRemote() throws Exception {
    remote = RemoteRepository.create(directory.resolve("remote"));
    remote.commit("one app", Map.of("app-a/active/docker-stack.yml", "a\n"));
    work = directory.resolve("work");
    source = new GitRegistrySource(GitRegistrySettings.of(remote.fileUrl(), work));
  }

  @AfterEach
  void close() {
    source.close();
    remote.close();
  }

  @Test
  void aRemoteRemovedMidRunLeavesTheLastGoodSnapshotInServiceMarkedStale() throws Exception {
    RegistrySnapshot good = source.sync(deadline());
    Path away = directory.resolve("away.git");
    Files.move(remote.bare(), away);

    RegistrySnapshot stale = source.sync(deadline());

    assertThat(stale.root()).isEqualTo(good.root());
    assertThat(stale.revision()).isEqualTo(good.revision());
    assertThat(stale.changedPaths()).contains(Set.of());
    assertThat(stale.staleBecause())
        .contains(
            "fetching " + remote.fileUrl() + " (the remote's default branch):"
                + " there is no repository at that URL");
    assertThat(stale.root().resolve("app-a/active/docker-stack.yml")).hasContent("a");
  }

  @Test
  void theNextSyncAfterTheRemoteReturnsRecovers() throws Exception {
    RegistrySnapshot good = source.sync(deadline());
    Path away = directory.resolve("away.git");
    Files.move(remote.bare(), away);
    assertThat(source.sync(deadline()).stale()).isTrue();
    Files.move(away, remote.bare());
    ObjectId next = remote.commit("while it was away", Map.of("app-b/active/docker-stack.yml", "b\n"));

    RegistrySnapshot recovered = source.sync(deadline());

    assertThat(recovered.stale()).isFalse();
    assertThat(recovered.revision()).isEqualTo(next.name());
    assertThat(recovered.changedPaths()).contains(Set.of("app-b/active/docker-stack.yml"));
    assertThat(recovered.root()).isEqualTo(good.root());
  }

  @Test
  void withoutAnySnapshotAMissingRemoteIsRefusedWithTheReason() throws Exception {
    Files.move(remote.bare(), directory.resolve("away.git"));

    assertThatThrownBy(() -> source.sync(deadline()))
        .isInstanceOf(RefusedException.class)
        .hasMessage(
            "fetching " + remote.fileUrl() + " (the remote's default branch):"
                + " there is no repository at that URL");
    assertThat(work.resolve("current")).doesNotExist();
  }

  @Test
  void aBranchTheRemoteDoesNotHaveIsRefused() throws Exception {
    try (GitRegistrySource missing =
        new GitRegistrySource(
            GitRegistrySettings.of(remote.fileUrl(), directory.resolve("w2")).withBranch("nope"))) {
      assertThatThrownBy(() -> missing.sync(deadline()))
          .isInstanceOf(RefusedException.class)
          .hasMessage(
              "fetching " + remote.fileUrl() + " (branch nope): the remote has no such branch");
    }
  }

  @Test
  void anEmptyRemoteIsRefused() throws Exception {
    Path empty = directory.resolve("empty.git");
    org.eclipse.jgit.api.Git.init().setBare(true).setDirectory(empty.toFile()).call().close();
    try (GitRegistrySource emptySource =
        new GitRegistrySource(GitRegistrySettings.of("file://" + empty, directory.resolve("w3")))) {
      assertThatThrownBy(() -> emptySource.sync(deadline()))
          .isInstanceOf(RefusedException.class)
          .hasMessage(
              "fetching file://" + empty + " (the remote's default branch):"
                  + " the remote's HEAD names no commit (is the repository empty?)");
    }
  }

  @Test
  void afterARestartWithTheRemoteDownTheCloneOnDiskIsServedStale() throws Exception {
    RegistrySnapshot good = source.sync(deadline());
    source.close();
    Files.move(remote.bare(), directory.resolve("away.git"));

    try (GitRegistrySource restarted = new GitRegistrySource(GitRegistrySettings.of(remote.fileUrl(), work))) {
      RegistrySnapshot snapshot = restarted.sync(deadline());

      assertThat(snapshot.root()).isEqualTo(good.root());
      assertThat(snapshot.revision()).isEqualTo(good.revision());
      assertThat(snapshot.changedPaths()).isEqualTo(Optional.empty());
      assertThat(snapshot.staleBecause().orElseThrow()).contains("there is no repository at that URL");
    }
  }

  @Test
  void aDeadlineAlreadyPassedIsUnreachableWithoutTrying() {
    assertThatThrownBy(() -> source.sync(new Deadline(System.nanoTime() - 1)))
        .isInstanceOf(UnreachableException.class)
        .hasMessage(
            "fetching " + remote.fileUrl() + " (the remote's default branch):"
                + " no time left before the deadline");
  }

  enum Damage {
    INDEX_DELETED {
      @Override
      void apply(Path clone) throws Exception {
        Files.delete(clone.resolve(".git/index"));
      }
    },
    INDEX_GARBLED {
      @Override
      void apply(Path clone) throws Exception {
        Files.writeString(clone.resolve(".git/index"), "not an index");
      }
    },
    OBJECTS_DELETED {
      @Override
      void apply(Path clone) throws Exception {
        deleteTree(clone.resolve(".git/objects"));
      }
    },
    NOT_A_REPOSITORY {
      @Override
      void apply(Path clone) throws Exception {
        deleteTree(clone.resolve(".git"));
      }
    },
    ANOTHER_REMOTE {
      @Override
      void apply(Path clone) throws Exception {
        Path config = clone.resolve(".git/config");
        Files.writeString(
            config, Files.readString(config).replaceAll("url = .*", "url = file:///elsewhere.git"));
      }
    };

    abstract void apply(Path clone) throws Exception;
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void aDamagedCloneIsReplacedByAFreshOne(Damage damage) throws Exception {
    RegistrySnapshot good = source.sync(deadline());
    damage.apply(good.root());

    RegistrySnapshot snapshot = source.sync(deadline());

    assertThat(snapshot.stale()).isFalse();
    assertThat(snapshot.revision()).isEqualTo(good.revision());
    assertThat(snapshot.changedPaths()).contains(Set.of());
    assertThat(snapshot.root()).isNotEqualTo(good.root());
    assertThat(snapshot.root().resolve("app-a/active/docker-stack.yml")).hasContent("a");
    assertThat(good.root()).doesNotExist();
    assertThat(source.sync(deadline()).root()).isEqualTo(snapshot.root());
  }

  @Test
  void aDamagedCloneWithTheRemoteDownKeepsTheLastGoodSnapshot() throws Exception {
    RegistrySnapshot good = source.sync(deadline());
    Damage.INDEX_DELETED.apply(good.root());
    Files.move(remote.bare(), directory.resolve("away.git"));

    RegistrySnapshot snapshot = source.sync(deadline());

    assertThat(snapshot.stale()).isTrue();
    assertThat(snapshot.root()).isEqualTo(good.root());
    assertThat(snapshot.root().resolve("app-a/active/docker-stack.yml")).hasContent("a");
    try (Stream<Path> entries = Files.list(work)) {
      assertThat(entries.filter(p -> p.getFileName().toString().startsWith("checkout-")))
          .containsExactly(good.root());
    }
  }

  static void deleteTree(Path root) throws Exception {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
