package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RegistrySnapshot;

/** Syncing from a real bare repository over {@code file://}: clone, update, force push. */
class GitRegistrySourceFileTest {

  @TempDir Path directory;
  private RemoteRepository remote;
  private GitRegistrySource source;

  @BeforeEach
  void createRemote() throws Exception {
    remote = RemoteRepository.create(directory.resolve("remote"));
    remote.commit(
        "two apps",
        Map.of(
            "team/app-a/active/docker-stack.yml", "services: {a: {}}\n",
            "app-b/stage/docker-stack.yml", "services: {b: {}}\n"));
    source = new GitRegistrySource(GitRegistrySettings.of(remote.fileUrl(), directory.resolve("work")));
  }

  @AfterEach
  void close() {
    source.close();
    remote.close();
  }

  static Deadline deadline() {
    return Deadline.in(Duration.ofSeconds(30));
  }

  @Test
  void firstSyncClonesTheRemoteHeadAndKnowsNoChanges() throws Exception {
    RegistrySnapshot snapshot = source.sync(deadline());

    assertThat(snapshot.root()).startsWith(directory.resolve("work").toAbsolutePath());
    assertThat(snapshot.root().resolve("team/app-a/active/docker-stack.yml"))
        .hasContent("services: {a: {}}");
    assertThat(snapshot.revision()).matches("[0-9a-f]{40}");
    assertThat(snapshot.changedPaths()).isEmpty();
    assertThat(snapshot.stale()).isFalse();
  }

  @Test
  void aNewCommitShowsUpWithExactlyItsChangedPaths() throws Exception {
    RegistrySnapshot first = source.sync(deadline());
    remote.removePath("app-b/stage/docker-stack.yml");
    ObjectId second =
        remote.commit(
            "change a, add c, remove b",
            Map.of(
                "team/app-a/active/docker-stack.yml", "services: {a2: {}}\n",
                "app-c/active/docker-stack.yml", "services: {c: {}}\n"));

    RegistrySnapshot snapshot = source.sync(deadline());

    assertThat(snapshot.revision()).isEqualTo(second.name()).isNotEqualTo(first.revision());
    assertThat(snapshot.root()).isEqualTo(first.root());
    assertThat(snapshot.changedPaths())
        .contains(
            Set.of(
                "team/app-a/active/docker-stack.yml",
                "app-c/active/docker-stack.yml",
                "app-b/stage/docker-stack.yml"));
    assertThat(snapshot.root().resolve("team/app-a/active/docker-stack.yml"))
        .hasContent("services: {a2: {}}");
    assertThat(snapshot.root().resolve("app-b/stage/docker-stack.yml")).doesNotExist();
  }

  @Test
  void anUnchangedRemoteGivesTheSameRevisionWithNoChangedPaths() throws Exception {
    RegistrySnapshot first = source.sync(deadline());

    RegistrySnapshot again = source.sync(deadline());

    assertThat(again.revision()).isEqualTo(first.revision());
    assertThat(again.root()).isEqualTo(first.root());
    assertThat(again.changedPaths()).contains(Set.of());
    assertThat(again.stale()).isFalse();
  }

  @Test
  void aForcePushedHistoryIsFollowed() throws Exception {
    source.sync(deadline());
    ObjectId dropped = remote.commit("to be dropped", Map.of("app-d/active/docker-stack.yml", "d\n"));
    assertThat(source.sync(deadline()).revision()).isEqualTo(dropped.name());

    ObjectId rewritten =
        remote.rewriteLastCommit("rewritten", Map.of("app-e/active/docker-stack.yml", "e\n"));
    RegistrySnapshot snapshot = source.sync(deadline());

    assertThat(snapshot.revision()).isEqualTo(rewritten.name());
    assertThat(snapshot.changedPaths())
        .contains(Set.of("app-d/active/docker-stack.yml", "app-e/active/docker-stack.yml"));
    assertThat(snapshot.root().resolve("app-d")).doesNotExist();
    assertThat(snapshot.root().resolve("app-e/active/docker-stack.yml")).hasContent("e");
  }

  @Test
  void filesChangedOrAddedInTheLocalCopyAreRemovedOnTheNextSync() throws Exception {
    RegistrySnapshot first = source.sync(deadline());
    Files.writeString(first.root().resolve("team/app-a/active/docker-stack.yml"), "tampered\n");
    Files.createDirectories(first.root().resolve("intruder/active"));
    Files.writeString(first.root().resolve("intruder/active/docker-stack.yml"), "x\n");

    RegistrySnapshot again = source.sync(deadline());

    assertThat(again.root().resolve("team/app-a/active/docker-stack.yml"))
        .hasContent("services: {a: {}}");
    assertThat(again.root().resolve("intruder")).doesNotExist();
    assertThat(again.revision()).isEqualTo(first.revision());
  }

  @Test
  void aConfiguredBranchIsFollowedInsteadOfTheDefaultBranch() throws Exception {
    ObjectId staged =
        remote.commitOn("staging", "on staging", Map.of("app-s/active/docker-stack.yml", "s\n"), false);
    try (GitRegistrySource branchSource =
        new GitRegistrySource(
            GitRegistrySettings.of(remote.fileUrl(), directory.resolve("branch-work"))
                .withBranch("staging"))) {

      RegistrySnapshot snapshot = branchSource.sync(deadline());

      assertThat(snapshot.revision()).isEqualTo(staged.name());
      assertThat(snapshot.root().resolve("app-s/active/docker-stack.yml")).exists();
    }
  }

  @Test
  void aSubmoduleIsIgnoredAndDoesNotUnsettleLaterSyncs() throws Exception {
    remote.addGitlink("vendored", ObjectId.fromString("0123456789abcdef0123456789abcdef01234567"));
    ObjectId withSubmodule = remote.commit("a submodule", Map.of("app-z/active/docker-stack.yml", "z\n"));

    RegistrySnapshot snapshot = source.sync(deadline());
    RegistrySnapshot again = source.sync(deadline());

    assertThat(snapshot.revision()).isEqualTo(withSubmodule.name());
    assertThat(snapshot.root().resolve("app-z/active/docker-stack.yml")).hasContent("z");
    assertThat(snapshot.root().resolve("vendored")).satisfiesAnyOf(
        path -> assertThat(path).doesNotExist(), path -> assertThat(path).isEmptyDirectory());
    assertThat(again.revision()).isEqualTo(withSubmodule.name());
    assertThat(again.changedPaths()).contains(Set.of());
  }

  @Test
  void aNewSourceOnTheSameDirectoryReusesTheCloneOnDisk() throws Exception {
    RegistrySnapshot first = source.sync(deadline());
    source.close();

    try (GitRegistrySource restarted =
        new GitRegistrySource(GitRegistrySettings.of(remote.fileUrl(), directory.resolve("work")))) {
      RegistrySnapshot snapshot = restarted.sync(deadline());

      assertThat(snapshot.root()).isEqualTo(first.root());
      assertThat(snapshot.revision()).isEqualTo(first.revision());
      assertThat(snapshot.changedPaths()).isEqualTo(Optional.empty());
    }
  }
}
