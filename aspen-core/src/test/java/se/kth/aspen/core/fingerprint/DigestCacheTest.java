package se.kth.aspen.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestCacheTest {

  @TempDir Path dir;

  private final AtomicInteger hashed = new AtomicInteger();

  // Hashing an hour after the files were written: every file has settled, so only the listing decides.
  private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));

  private DirectoryDigest digest(DigestCache<DirectoryDigest> cache) throws Exception {
    return cache.digest(dir, "docker-stack.yml", 1024, kept -> {
      hashed.incrementAndGet();
      return kept.digest();
    });
  }

  private Path write(String relative, String content) throws Exception {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  @Test
  void anUnchangedDirectoryIsRecalledWithoutBeingReadAgain() throws Exception {
    write("docker-stack.yml", "services: {}");
    write("conf/app.yml", "x: 1");
    DigestCache<DirectoryDigest> cache = new DigestCache<>(LATER);

    DirectoryDigest first = digest(cache);
    DirectoryDigest second = digest(cache);

    assertThat(second).isEqualTo(first).isEqualTo(DirectoryDigest.of(dir));
    assertThat(hashed).hasValue(1);
  }

  @Test
  void aFileTouchedButIdenticalIsReadAgainAndKeepsItsDigest() throws Exception {
    Path stack = write("docker-stack.yml", "services: {}");
    DigestCache<DirectoryDigest> cache = new DigestCache<>(LATER);
    DirectoryDigest before = digest(cache);

    Files.setLastModifiedTime(stack, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

    assertThat(digest(cache)).isEqualTo(before);
    assertThat(hashed).hasValue(2);
  }

  @Test
  void aFileRewrittenWithTheSameSizeAndMtimeJustAfterBeingHashedIsStillSeen() throws Exception {
    // Without ctime, the stat of a file rewritten within one timestamp tick is identical; the
    // racy rule must keep such a freshly written directory out of the cache.
    Path stack = write("docker-stack.yml", "image: a:1");
    FileTime mtime = Files.getLastModifiedTime(stack);
    DigestCache<DirectoryDigest> cache = new DigestCache<>(Clock.systemUTC(), false);
    DirectoryDigest before = digest(cache);
    assertThat(cache.size()).isZero();

    Files.writeString(stack, "image: b:2");
    Files.setLastModifiedTime(stack, mtime);

    assertThat(digest(cache)).isNotEqualTo(before).isEqualTo(DirectoryDigest.of(dir));
  }

  @Test
  void aDirectoryIsRememberedOnlyOnceEveryStampInItIsOlderThanTheRacyMargin() throws Exception {
    Path stack = write("docker-stack.yml", "image: a:1");
    Instant stamped = Files.getLastModifiedTime(stack).toInstant();

    DigestCache<DirectoryDigest> within = new DigestCache<>(
        Clock.fixed(stamped.plus(DigestCache.RACY_MARGIN).minusMillis(1), ZoneOffset.UTC), false);
    digest(within);
    DigestCache<DirectoryDigest> past = new DigestCache<>(
        Clock.fixed(stamped.plus(DigestCache.RACY_MARGIN).plusMillis(1), ZoneOffset.UTC), false);
    digest(past);

    assertThat(within.size()).isZero();
    assertThat(past.size()).isOne();
  }

  @Test
  void aSettledFileRewrittenInPlaceWithItsMtimeRestoredIsCaughtByItsCtime() throws Exception {
    Path stack = write("docker-stack.yml", "image: a:1");
    FileTime mtime = Files.getLastModifiedTime(stack);
    FileTime ctime = (FileTime) Files.getAttribute(stack, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
    DigestCache<DirectoryDigest> cache = new DigestCache<>(LATER);
    DirectoryDigest before = digest(cache);

    // The kernel stamps ctime with a coarse clock: rewrite until the stamp has moved on.
    await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).until(() -> {
      Files.writeString(stack, "image: b:2");
      Files.setLastModifiedTime(stack, mtime);
      return !Files.getAttribute(stack, "unix:ctime", LinkOption.NOFOLLOW_LINKS).equals(ctime);
    });

    assertThat(digest(cache)).isNotEqualTo(before).isEqualTo(DirectoryDigest.of(dir));
  }

  @Test
  void aFileReplacedByAnotherOfTheSameSizeAndMtimeIsCaughtByItsFileKey() throws Exception {
    Path stack = write("docker-stack.yml", "image: a:1");
    FileTime mtime = Files.getLastModifiedTime(stack);
    DigestCache<DirectoryDigest> cache = new DigestCache<>(LATER, false);
    DirectoryDigest before = digest(cache);

    Path replacement = Files.writeString(dir.resolveSibling(dir.getFileName() + ".new"), "image: b:2");
    Files.setLastModifiedTime(replacement, mtime);
    Files.move(replacement, stack, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    assertThat(digest(cache)).isNotEqualTo(before).isEqualTo(DirectoryDigest.of(dir));
  }

  @Test
  void anAddedFileIsSeen() throws Exception {
    write("docker-stack.yml", "services: {}");
    DigestCache<DirectoryDigest> cache = new DigestCache<>(LATER);
    DirectoryDigest before = digest(cache);

    write("conf/deep/app.yml", "x: 1");

    assertThat(digest(cache)).isNotEqualTo(before).isEqualTo(DirectoryDigest.of(dir));
  }

  @Test
  void aDeletedFileIsSeen() throws Exception {
    write("docker-stack.yml", "services: {}");
    Path extra = write("conf/app.yml", "x: 1");
    DigestCache<DirectoryDigest> cache = new DigestCache<>(LATER);
    DirectoryDigest before = digest(cache);

    Files.delete(extra);

    assertThat(digest(cache)).isNotEqualTo(before).isEqualTo(DirectoryDigest.of(dir));
  }

  @Test
  void aLinkPointedElsewhereIsSeenAndNeverFollowed() throws Exception {
    write("docker-stack.yml", "services: {}");
    Path link = Files.createSymbolicLink(dir.resolve("secrets.env"), Path.of("/etc/hostname"));
    DigestCache<DirectoryDigest> cache = new DigestCache<>(LATER);
    DirectoryDigest before = digest(cache);

    Files.delete(link);
    Files.createSymbolicLink(link, Path.of("/etc/hostnome"));

    assertThat(digest(cache)).isNotEqualTo(before).isEqualTo(DirectoryDigest.of(dir));
  }

  @Test
  void theKeptFileIsOnlyGivenToAFreshHash() throws Exception {
    write("docker-stack.yml", "image: a:1");
    DigestCache<String> cache = new DigestCache<>(LATER);

    String first = cache.digest(dir, "docker-stack.yml", 1024, kept -> new String(kept.content()));
    String second = cache.digest(dir, "docker-stack.yml", 1024, kept -> "hashed again");

    assertThat(first).isEqualTo("image: a:1");
    assertThat(second).isEqualTo("image: a:1");
  }

  @Test
  void directoriesNoLongerInTheRegistryAreForgotten() throws Exception {
    write("a/docker-stack.yml", "services: {}");
    write("b/docker-stack.yml", "services: {}");
    DigestCache<DirectoryDigest> cache = new DigestCache<>(LATER);
    cache.digest(dir.resolve("a"), "docker-stack.yml", 1024, DirectoryDigest.Kept::digest);
    cache.digest(dir.resolve("b"), "docker-stack.yml", 1024, DirectoryDigest.Kept::digest);

    cache.retainOnly(List.of(dir.resolve("b")));

    assertThat(cache.size()).isOne();
  }

  @Test
  void aDirectoryUnchangedInThePassesWalkIsRecalledWithoutListingOrReading() throws Exception {
    Path stack = write("app/active/docker-stack.yml", "image: a:1");
    Path real = dir.toRealPath();
    Path active = real.resolve("app/active");
    DigestCache<DirectoryDigest> cache = new DigestCache<>(LATER);
    DirectoryDigest first = cache.digest(active, TreeListing.of(real), "docker-stack.yml", 1024, kept -> {
      hashed.incrementAndGet();
      return kept.digest();
    });

    DirectoryDigest recalled = cache.digest(active, TreeListing.of(real), "docker-stack.yml", 1024, kept -> {
      throw new AssertionError("hashed again");
    });
    Files.writeString(stack, "image: b:22");
    DirectoryDigest changed = cache.digest(active, TreeListing.of(real), "docker-stack.yml", 1024, DirectoryDigest.Kept::digest);

    assertThat(recalled).isEqualTo(first);
    assertThat(hashed).hasValue(1);
    assertThat(changed).isNotEqualTo(first).isEqualTo(DirectoryDigest.of(active));
  }
}
