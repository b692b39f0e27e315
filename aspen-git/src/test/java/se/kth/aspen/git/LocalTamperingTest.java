package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RegistrySnapshot;

/**
 * The guard against local changes to the clone, after the index was refreshed so that it
 * trusts file sizes and times: every kind of change is still seen and undone by the next sync.
 */
class LocalTamperingTest {

  private static final String APP = "team/app-a/active/docker-stack.yml";
  private static final String ORIGINAL = "services: {a: {}}\n";
  /** Same length as {@link #ORIGINAL}, other bytes. */
  private static final String SAME_SIZE = "services: {x: {}}\n";

  @TempDir Path directory;
  private RemoteRepository remote;
  private GitRegistrySource source;

  @BeforeEach
  void createRemote() throws Exception {
    remote = RemoteRepository.create(directory.resolve("remote"));
    remote.commit("two apps", Map.of(APP, ORIGINAL, "app-b/stage/docker-stack.yml", "services: {b: {}}\n"));
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
      void apply(Path file) throws Exception {
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, SAME_SIZE);
        // A later time, as any write makes, but not necessarily a new size.
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(1)));
      }
    },
    DELETED {
      @Override
      void apply(Path file) throws Exception {
        Files.delete(file);
      }
    },
    ADDED_BESIDE {
      @Override
      void apply(Path file) throws Exception {
        Files.writeString(file.resolveSibling("extra.yml"), "x\n");
      }
    };

    abstract void apply(Path file) throws Exception;
  }

  @Test
  void afterASyncNoIndexEntryIsLeftForStatusToHash() throws Exception {
    RegistrySnapshot snapshot = source.sync(deadline());

    DirCache index = readIndex(snapshot.root());
    assertThat(index.getEntryCount()).isEqualTo(2);
    for (int i = 0; i < index.getEntryCount(); i++) {
      DirCacheEntry entry = index.getEntry(i);
      assertThat(entry.isSmudged()).as(entry.getPathString()).isFalse();
      assertThat(entry.getLength()).as(entry.getPathString()).isEqualTo(Files.size(snapshot.root().resolve(entry.getPathString())));
    }
  }

  @ParameterizedTest
  @EnumSource(Tampering.class)
  void aChangeToTheRefreshedCloneIsSeenAndUndone(Tampering tampering) throws Exception {
    RegistrySnapshot first = source.sync(deadline());
    tampering.apply(first.root().resolve(APP));

    try (WorkingCopy copy = WorkingCopy.open(first.root())) {
      assertThat(copy.isPristine()).isFalse();
    }
    RegistrySnapshot again = source.sync(deadline());

    assertThat(again.root().resolve(APP)).hasContent(ORIGINAL.strip());
    assertThat(again.root().resolve("team/app-a/active/extra.yml")).doesNotExist();
    assertThat(again.revision()).isEqualTo(first.revision());
  }

  @Test
  void aSameSizeChangeKeepingTheTimeOfARacyEntryIsSeen() throws Exception {
    RegistrySnapshot first = source.sync(deadline());
    Path file = first.root().resolve(APP);
    // A time no index write can be later than: the entry stays "racily clean" however often
    // the index is refreshed, so its size and time are never trusted.
    FileTime racy = FileTime.from(Instant.now().plus(Duration.ofDays(1)));
    Files.setLastModifiedTime(file, racy);
    try (WorkingCopy copy = WorkingCopy.open(first.root());
        Git git = Git.wrap(copy.repository())) {
      // Recorded with that time, as a checkout records the files it writes.
      git.add().addFilepattern(APP).call();
      copy.refreshIndex();
      assertThat(readIndex(first.root()).getEntry(APP).isSmudged()).isTrue();

      Files.writeString(file, SAME_SIZE);
      Files.setLastModifiedTime(file, racy);

      assertThat(copy.isPristine()).isFalse();
    }
  }

  private static DirCache readIndex(Path root) throws Exception {
    try (WorkingCopy copy = WorkingCopy.open(root)) {
      return copy.repository().readDirCache();
    }
  }
}
