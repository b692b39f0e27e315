package se.kth.aspen.core.fingerprint;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers, per directory, the {@link DirectoryDigest} (and what a caller derived from the kept
 * file) together with the listing it was computed from, so that a directory whose every entry
 * still has the same path, size, modification and status-change time, file key and link target
 * is only listed, not read and hashed again: the stat check git's index makes. The digest itself
 * is defined as before, over the files' contents; this only avoids recomputing it.
 *
 * <p><b>Racily clean files.</b> A file system stamps files with a coarse clock (a kernel tick of
 * a few milliseconds, or whole seconds on some file systems), so a file rewritten with the same
 * size within the same tick as it was read keeps every stat field the listing compares. A
 * directory is therefore remembered only when every entry's latest stamp (mtime or ctime) lies at
 * least {@link #RACY_MARGIN} before the moment its hashing began; one touched more recently is
 * hashed again on every pass until it has settled. File stamps come from the real clock, so the
 * clock given here must be the real one except in tests.
 *
 * <p>Known limit, shared with git: a program that rewrites a file in place keeping its size and
 * resetting its mtime is still caught by its ctime and inode where the file system reports them
 * (the unix attribute view); on one that reports neither, it would not be.
 *
 * <p>Thread-safe: targets of one pass look up different directories at once.
 *
 * @param <T> what the caller derives from a fresh hash (its digest and the kept file's bytes)
 */
public final class DigestCache<T> {

  /** Coarser than any file system's timestamp granularity a registry is likely to sit on (FAT: 2 s). */
  public static final Duration RACY_MARGIN = Duration.ofSeconds(3);

  private record Remembered<T>(Listing listing, T derived) {}

  private final Clock clock;
  private final boolean statusChangeTimes;
  private final Map<Path, Remembered<T>> directories = new ConcurrentHashMap<>();

  /** @param clock the real clock, whose time file systems stamp files with */
  public DigestCache(Clock clock) {
    this(clock, true);
  }

  /** @param statusChangeTimes false to compare only what every file system reports (tests of the racy rule) */
  DigestCache(Clock clock, boolean statusChangeTimes) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.statusChangeTimes = statusChangeTimes;
  }

  /**
   * What the caller derived from the directory's digest: remembered when nothing in the
   * directory changed since, else derived afresh from {@link DirectoryDigest#of(Path, String, int)}.
   *
   * @param derive turns a fresh digest and the kept file into the value remembered; it must
   *     depend on nothing but those
   */
  public T digest(Path directory, String keep, int keepLimit, Function<DirectoryDigest.Kept, T> derive) throws IOException {
    // Taken before listing: anything stamped after this may have changed after it was read.
    Instant started = clock.instant();
    Listing listing = statusChangeTimes ? Listing.of(directory) : Listing.of(directory, false);
    Remembered<T> before = directories.get(directory);
    if (before != null && before.listing().equals(listing)) {
      return before.derived();
    }
    T derived = derive.apply(DirectoryDigest.of(directory, listing, keep, keepLimit));
    if (settled(listing, started)) {
      directories.put(directory, new Remembered<>(listing, derived));
    } else {
      directories.remove(directory);
    }
    return derived;
  }

  /**
   * Like {@link #digest(Path, String, int, Function)}, but checks the directory against a walk
   * of the whole registry made earlier in the same pass, so an unchanged directory costs no
   * listing of its own. A directory that changed is listed and hashed afresh.
   */
  public T digest(Path directory, TreeListing tree, String keep, int keepLimit, Function<DirectoryDigest.Kept, T> derive)
      throws IOException {
    Remembered<T> before = directories.get(directory);
    if (before != null && statusChangeTimes && tree.holds(directory, before.listing())) {
      return before.derived();
    }
    return digest(directory, keep, keepLimit, derive);
  }

  /**
   * Forgets every directory but these, so directories removed from the registry do not pile up.
   * Sweeps only when more directories are remembered than are kept: a stale entry may linger
   * while it is not, which bounds the memory at twice the registry's size without walking the
   * whole cache on every pass.
   */
  public void retainOnly(Collection<Path> kept) {
    if (directories.size() <= kept.size()) {
      return;
    }
    Set<Path> keep = Set.copyOf(kept);
    directories.keySet().removeIf(d -> !keep.contains(d));
  }

  /** How many directories are remembered. */
  public int size() {
    return directories.size();
  }

  private static boolean settled(Listing listing, Instant started) {
    FileTime limit = FileTime.from(started.minus(RACY_MARGIN));
    for (Listing.Entry entry : listing.entries()) {
      if (entry.stamped().compareTo(limit) >= 0) {
        return false;
      }
    }
    return true;
  }
}
