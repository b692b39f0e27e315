package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
 * The guard against local changes to the clone. Without a watch (the first sync, after the index
 * refresh that lets a status trust file sizes and times) and with one (from the second sync: the
 * tree is walked only when something touched it), every kind of change is seen and undone by the
 * next sync, with no pause in between.
 */
class CloneGuardTest {

  private static final String APP = CloneTampering.APP;
  private static final String DEEP = CloneTampering.DEEP;
  private static final String ORIGINAL = CloneTampering.ORIGINAL;
  private static final String SAME_SIZE = CloneTampering.SAME_SIZE;

  @TempDir Path directory;
  private RemoteRepository remote;
  private GitRegistrySource source;

  @BeforeEach
  void createRemote() throws Exception {
    remote = RemoteRepository.create(directory.resolve("remote"));
    remote.commit("two apps", CloneTampering.FILES);
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

  @ParameterizedTest
  @EnumSource(CloneTampering.class)
  void aChangeToTheWatchedCloneIsSeenAndUndoneByTheNextSync(CloneTampering tampering) throws Exception {
    RegistrySnapshot first = watchedSnapshot();
    long checks = source.fullChecks();

    tampering.apply(first.root());
    RegistrySnapshot again = source.sync(deadline());

    assertThat(source.fullChecks()).isGreaterThan(checks);
    assertThat(again.revision()).isEqualTo(first.revision());
    assertPristine(again.root());
    CloneTampering.assertUndone(again.root());
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
    FileTime racy = makeRacy(first.root());
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

    for (CloneTampering tampering : CloneTampering.values()) {
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

  // The guard before any watch: the first sync of a source, after the index refresh.

  @Test
  void afterASyncNoIndexEntryIsLeftForStatusToHash() throws Exception {
    RegistrySnapshot snapshot = source.sync(deadline());

    DirCache index = readIndex(snapshot.root());
    assertThat(index.getEntryCount()).isEqualTo(CloneTampering.FILES.size());
    for (int i = 0; i < index.getEntryCount(); i++) {
      DirCacheEntry entry = index.getEntry(i);
      assertThat(entry.isSmudged()).as(entry.getPathString()).isFalse();
      assertThat(entry.getLength()).as(entry.getPathString()).isEqualTo(Files.size(snapshot.root().resolve(entry.getPathString())));
    }
  }

  @ParameterizedTest
  @EnumSource(CloneTampering.class)
  void aChangeBeforeTheWatchStartsIsSeenAndUndoneByTheSecondSync(CloneTampering tampering) throws Exception {
    RegistrySnapshot first = source.sync(deadline());
    tampering.apply(first.root());

    try (WorkingCopy copy = WorkingCopy.open(first.root())) {
      assertThat(copy.isPristine()).isFalse();
    }
    RegistrySnapshot again = source.sync(deadline());

    CloneTampering.assertUndone(again.root());
    assertThat(again.revision()).isEqualTo(first.revision());
  }


  // A restart: the first sync of a new source over the clone on disk checks the tree beside its fetch.

  @ParameterizedTest
  @EnumSource(CloneTampering.class)
  void aChangeMadeWhileNoSourceRanIsSeenAndUndoneByTheFirstSyncOfTheNext(CloneTampering tampering) throws Exception {
    RegistrySnapshot first = source.sync(deadline());
    source.close();
    tampering.apply(first.root());

    source = new GitRegistrySource(GitRegistrySettings.of(remote.fileUrl(), directory.resolve("work")));
    RegistrySnapshot again = source.sync(deadline());

    assertThat(again.root()).isEqualTo(first.root());
    assertThat(again.revision()).isEqualTo(first.revision());
    assertThat(source.fullChecks()).isEqualTo(1);
    assertPristine(again.root());
    CloneTampering.assertUndone(again.root());
  }

  @ParameterizedTest
  @EnumSource(CloneTampering.class)
  void aChangeMadeWhileNoSourceRanIsUndoneWhenTheFirstSyncOfTheNextMovesToANewCommit(CloneTampering tampering)
      throws Exception {
    RegistrySnapshot first = source.sync(deadline());
    source.close();
    tampering.apply(first.root());
    String moved = remote.commit("a third app", Map.of("app-c/stage/docker-stack.yml", "services: {c: {}}\n")).name();

    source = new GitRegistrySource(GitRegistrySettings.of(remote.fileUrl(), directory.resolve("work")));
    RegistrySnapshot again = source.sync(deadline());

    assertThat(again.revision()).isEqualTo(moved);
    assertThat(again.root().resolve("app-c/stage/docker-stack.yml")).exists();
    assertPristine(again.root());
    CloneTampering.assertUndone(again.root());
  }

  @Test
  void aSameSizeChangeKeepingTheTimeOfARacyEntryIsSeenByTheStatus() throws Exception {
    RegistrySnapshot first = source.sync(deadline());
    Path file = first.root().resolve(APP);
    FileTime racy = makeRacy(first.root());
    assertThat(readIndex(first.root()).getEntry(APP).isSmudged()).isTrue();

    Files.writeString(file, SAME_SIZE);
    Files.setLastModifiedTime(file, racy);

    try (WorkingCopy copy = WorkingCopy.open(first.root())) {
      assertThat(copy.isPristine()).isFalse();
    }
  }

  /**
   * Records {@link #APP} in the index with a time no index write can be later than, as a checkout
   * records the files it writes: its entry stays "racily clean" however often the index is
   * refreshed, so its size and time are never trusted.
   */
  private static FileTime makeRacy(Path root) throws Exception {
    FileTime racy = FileTime.from(Instant.now().plus(Duration.ofDays(1)));
    Files.setLastModifiedTime(root.resolve(APP), racy);
    try (WorkingCopy copy = WorkingCopy.open(root);
        Git git = Git.wrap(copy.repository())) {
      git.add().addFilepattern(APP).call();
      copy.refreshIndex();
    }
    return racy;
  }

  private static DirCache readIndex(Path root) throws Exception {
    try (WorkingCopy copy = WorkingCopy.open(root)) {
      return copy.repository().readDirCache();
    }
  }
}
