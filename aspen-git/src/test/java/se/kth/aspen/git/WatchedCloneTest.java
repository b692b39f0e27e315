package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RegistrySnapshot;

/**
 * The watch over the clone: a sync walks the working tree only when something touched it, and
 * every kind of change is still seen and undone by the next sync, with no pause in between.
 */
class WatchedCloneTest {

  private static final String APP = "team/app-a/active/docker-stack.yml";
  private static final String DEEP = "team/app-a/active/config/nginx/site.conf";
  private static final String ORIGINAL = "services: {a: {}}\n";
  /** Same length as {@link #ORIGINAL}, other bytes. */
  private static final String SAME_SIZE = "services: {x: {}}\n";

  @TempDir Path directory;
  private RemoteRepository remote;
  private GitRegistrySource source;

  @BeforeEach
  void createRemote() throws Exception {
    remote = RemoteRepository.create(directory.resolve("remote"));
    remote.commit(
        "two apps",
        Map.of(APP, ORIGINAL, DEEP, "server {}\n", "app-b/stage/docker-stack.yml", "services: {b: {}}\n"));
    source = new GitRegistrySource(GitRegistrySettings.of(remote.fileUrl(), directory.resolve("work")));
  }

  @AfterEach
  void close() {
    source.close();
    remote.close();
  }

  private static Deadline deadline() {
    return Deadline.in(Duration.ofSeconds(30));
  }

  enum Tampering {
    SAME_SIZE_REWRITE {
      @Override
      void apply(Path root) throws Exception {
        Path file = root.resolve(APP);
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, SAME_SIZE);
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(1)));
      }
    },
    DELETED {
      @Override
      void apply(Path root) throws Exception {
        Files.delete(root.resolve(APP));
      }
    },
    ADDED_BESIDE {
      @Override
      void apply(Path root) throws Exception {
        Files.writeString(root.resolve(APP).resolveSibling("extra.yml"), "x\n");
      }
    },
    NEW_DIRECTORY_WITH_A_FILE {
      @Override
      void apply(Path root) throws Exception {
        Files.createDirectories(root.resolve("intruder/active"));
        Files.writeString(root.resolve("intruder/active/docker-stack.yml"), "x\n");
      }
    },
    MADE_EXECUTABLE {
      @Override
      void apply(Path root) throws Exception {
        Path file = root.resolve(APP);
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        permissions.add(PosixFilePermission.OWNER_EXECUTE);
        Files.setPosixFilePermissions(file, permissions);
      }
    },
    CHANGED_DEEP_DOWN {
      @Override
      void apply(Path root) throws Exception {
        Files.writeString(root.resolve(DEEP), "server { listen 80; }\n");
      }
    },
    REMOVED_FROM_THE_INDEX_ONLY {
      @Override
      void apply(Path root) throws Exception {
        try (WorkingCopy copy = WorkingCopy.open(root);
            Git git = Git.wrap(copy.repository())) {
          git.rm().addFilepattern(APP).setCached(true).call();
        }
      }
    },
    CHANGED_AND_ADDED_TO_THE_INDEX {
      @Override
      void apply(Path root) throws Exception {
        Files.writeString(root.resolve(APP), "tampered\n");
        try (WorkingCopy copy = WorkingCopy.open(root);
            Git git = Git.wrap(copy.repository())) {
          git.add().addFilepattern(APP).call();
        }
      }
    };

    abstract void apply(Path root) throws Exception;
  }

  @ParameterizedTest
  @EnumSource(Tampering.class)
  void aChangeToTheWatchedCloneIsSeenAndUndoneByTheNextSync(Tampering tampering) throws Exception {
    RegistrySnapshot first = watchedSnapshot();
    long checks = source.fullChecks();

    tampering.apply(first.root());
    RegistrySnapshot again = source.sync(deadline());

    assertThat(source.fullChecks()).isGreaterThan(checks);
    assertThat(again.revision()).isEqualTo(first.revision());
    assertPristine(again.root());
    assertThat(again.root().resolve(APP)).hasContent(ORIGINAL.strip());
    assertThat(again.root().resolve("intruder")).doesNotExist();
    assertThat(again.root().resolve(APP).resolveSibling("extra.yml")).doesNotExist();
    assertThat(Files.isExecutable(again.root().resolve(APP))).isFalse();
    assertThat(again.root().resolve(DEEP)).hasContent("server {}");
    assertSyncDoesNotWalk();
  }

  @Test
  void aSyncAfterNoChangeDoesNotWalkTheTree() throws Exception {
    watchedSnapshot();
    long checks = source.fullChecks();

    for (int i = 0; i < 3; i++) {
      source.sync(deadline());
    }

    assertThat(source.fullChecks()).isEqualTo(checks);
  }

  @Test
  void aTouchedFileIsCheckedOnceAndThenTrustedAgain() throws Exception {
    RegistrySnapshot first = watchedSnapshot();
    long checks = source.fullChecks();
    Path file = first.root().resolve(APP);

    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    source.sync(deadline());

    assertThat(source.fullChecks()).isEqualTo(checks + 1);
    assertThat(file).hasContent(ORIGINAL.strip());
    assertSyncDoesNotWalk();
  }

  @Test
  void aSameSizeChangeKeepingTheTimeOfARacyEntryIsSeen() throws Exception {
    RegistrySnapshot first = watchedSnapshot();
    Path file = first.root().resolve(APP);
    // A time no index write can be later than: the entry stays "racily clean".
    FileTime racy = FileTime.from(Instant.now().plus(Duration.ofDays(1)));
    Files.setLastModifiedTime(file, racy);
    try (WorkingCopy copy = WorkingCopy.open(first.root());
        Git git = Git.wrap(copy.repository())) {
      git.add().addFilepattern(APP).call();
      copy.refreshIndex();
    }
    source.sync(deadline());
    assertSyncDoesNotWalk();

    Files.writeString(file, SAME_SIZE);
    Files.setLastModifiedTime(file, racy);
    RegistrySnapshot again = source.sync(deadline());

    assertThat(again.root().resolve(APP)).hasContent(ORIGINAL.strip());
  }

  @Test
  void aChangeMadeJustBeforeASyncIsNeverMissed() throws Exception {
    // The JDK hands events over from a thread of its own; a sync right after a change must
    // still see it, every time.
    RegistrySnapshot first = watchedSnapshot();
    Path file = first.root().resolve(APP);

    for (int round = 0; round < 25; round++) {
      Files.delete(file);
      source.sync(deadline());

      assertThat(file).as("round %d", round).hasContent(ORIGINAL.strip());
    }
  }

  @Test
  void aDirectoryAddedByANewCommitIsWatched() throws Exception {
    watchedSnapshot();
    Map<String, String> change = new HashMap<>();
    change.put("app-b/stage/docker-stack.yml", null);
    change.put("app-c/active/conf/app.conf", "c\n");
    remote.commit("app-c replaces app-b", change);

    RegistrySnapshot moved = source.sync(deadline());
    assertThat(moved.root().resolve("app-b")).doesNotExist();
    assertSyncDoesNotWalk();
    long checks = source.fullChecks();
    Files.writeString(moved.root().resolve("app-c/active/conf/extra.conf"), "x\n");
    RegistrySnapshot again = source.sync(deadline());

    assertThat(source.fullChecks()).isGreaterThan(checks);
    assertThat(again.root().resolve("app-c/active/conf/extra.conf")).doesNotExist();
    assertPristine(again.root());
  }

  @Test
  void theWatchStartsWithTheSecondSyncSoThatAOneShotCommandPaysNothingForIt() throws Exception {
    source.close();
    java.util.concurrent.atomic.AtomicInteger starts = new java.util.concurrent.atomic.AtomicInteger();
    source =
        new GitRegistrySource(
            GitRegistrySettings.of(remote.fileUrl(), directory.resolve("work")),
            new CloneGuard(tree -> {
              starts.incrementAndGet();
              return CloneWatch.start(tree);
            }));

    source.sync(deadline());
    assertThat(starts).hasValue(0);
    assertThat(source.fullChecks()).isZero();

    source.sync(deadline());
    assertThat(starts).hasValue(1);
    assertSyncDoesNotWalk();
    assertThat(starts).hasValue(1);
  }

  @Test
  void withoutAWatchEverySyncWalksAndStillUndoesChanges() throws Exception {
    source.close();
    source =
        new GitRegistrySource(
            GitRegistrySettings.of(remote.fileUrl(), directory.resolve("work")),
            new CloneGuard(tree -> {
              throw new IOException("User limit of inotify watches reached");
            }));
    RegistrySnapshot first = source.sync(deadline());

    for (Tampering tampering : Tampering.values()) {
      long checks = source.fullChecks();
      tampering.apply(first.root());
      RegistrySnapshot again = source.sync(deadline());

      assertThat(source.fullChecks()).as(tampering.name()).isEqualTo(checks + 1);
      assertPristine(again.root());
      assertThat(again.root().resolve(APP)).as(tampering.name()).hasContent(ORIGINAL.strip());
    }
    long checks = source.fullChecks();
    source.sync(deadline());
    assertThat(source.fullChecks()).isEqualTo(checks + 1);
  }

  /** A snapshot whose clone is watched (from the second sync on): a further sync did not walk it. */
  private RegistrySnapshot watchedSnapshot() throws Exception {
    source.sync(deadline());
    RegistrySnapshot snapshot = source.sync(deadline());
    assertSyncDoesNotWalk();
    return snapshot;
  }

  private void assertSyncDoesNotWalk() throws Exception {
    long checks = source.fullChecks();
    source.sync(deadline());
    assertThat(source.fullChecks()).as("full checks of the working tree").isEqualTo(checks);
  }

  private static void assertPristine(Path root) throws Exception {
    try (WorkingCopy copy = WorkingCopy.open(root)) {
      assertThat(copy.isPristine()).as("working tree and index are the commit's").isTrue();
    }
  }
}
