package se.kth.aspen.git;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Constants;

/**
 * Tells whether anything in a clone's working tree was touched since the last {@link #rescan()},
 * without walking it: every directory of the tree (not {@code .git}) is watched with the JDK's
 * {@link WatchService}, as git's fsmonitor does. A {@code git status} costs a stat of every file
 * and directory, most of a no-change sync; this costs one small write and a wake-up.
 *
 * <p>Only on Linux, where the JDK uses inotify and an event is queued by the kernel within the
 * system call that makes the change (creating, deleting, renaming, writing, chmod or touch; the
 * JDK maps attribute changes to {@code ENTRY_MODIFY}). Elsewhere the JDK polls every few
 * seconds and would miss a change made just before a sync.
 *
 * <p>The JDK reads the inotify queue on a background thread, so an event of a change that has
 * already happened may not have reached the {@link WatchService} yet when asked. Hence the
 * fence: {@link #touched()} creates a file in a watched directory of its own under {@code .git}
 * and waits for that file's event. The kernel keeps one queue per watch service, in order, and
 * the JDK's thread reads it in order, queuing each key as it reads its first event; so once the
 * fence's event is seen, the key of every change completed before the fence was created is
 * queued. A change made after that is left for the next call.
 *
 * <p>Directories are tracked by file key (device and inode), as inotify watches them: a
 * directory replaced by another at the same path is watched anew at the next rescan.
 */
final class CloneWatch implements AutoCloseable {

  private static final WatchEvent.Kind<?>[] KINDS = {ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY};
  /** Under {@code .git}: never part of the working tree, never written by git. */
  private static final String FENCE_DIRECTORY = "aspen-watch";
  /** How long the JDK's thread may take to pass the fence on; past that, assume touched. */
  private static final long FENCE_TIMEOUT_MILLIS = 2_000;

  private final Path tree;
  private final Path gitDirectory;
  private final Path fenceDirectory;
  private final WatchService service;
  /** The watched directories of the tree, by file key. */
  private final Map<Object, WatchKey> watched = new HashMap<>();
  private WatchKey fenceKey;
  private boolean touched;
  private long fences;

  private CloneWatch(Path tree, WatchService service) {
    this.tree = tree;
    this.gitDirectory = tree.resolve(Constants.DOT_GIT);
    this.fenceDirectory = gitDirectory.resolve(FENCE_DIRECTORY);
    this.service = service;
  }

  /** Why this JVM cannot watch a tree soundly, or null when it can. */
  static String unsupportedBecause() {
    String os = System.getProperty("os.name", "");
    return os.toLowerCase(Locale.ROOT).startsWith("linux")
        ? null
        : "the JDK's watch service polls every few seconds on " + os + " instead of being told at once";
  }

  /**
   * Watches every directory of {@code tree}. Fails when the watch service or a watch cannot be
   * made (e.g. {@code fs.inotify.max_user_watches} or {@code max_user_instances} reached).
   */
  static CloneWatch start(Path tree) throws IOException {
    String unsupported = unsupportedBecause();
    if (unsupported != null) {
      throw new IOException(unsupported);
    }
    WatchService service = tree.getFileSystem().newWatchService();
    CloneWatch watch = new CloneWatch(tree, service);
    try {
      watch.rescan();
      return watch;
    } catch (IOException | RuntimeException e) {
      watch.close();
      throw e;
    }
  }

  Path tree() {
    return tree;
  }

  /** How many directories are watched: inotify watches used, besides the fence's one. */
  int watchedDirectories() {
    return watched.size();
  }

  /**
   * True when something in the tree was created, deleted, written or had its attributes changed
   * since the last {@link #rescan()}, or when that cannot be ruled out (an overflow of the
   * kernel's queue, a directory gone, no answer from the watch thread). Stays true until the
   * next rescan. Does not block beyond the fence's round trip.
   */
  boolean touched() {
    if (!touched) {
      passFence();
    }
    return touched;
  }

  /**
   * Forgets what happened so far and watches the directories the tree has now: new ones
   * registered, gone ones dropped. The caller then verifies the whole tree, since a change made
   * before a directory was registered is not reported.
   */
  void rescan() throws IOException {
    if (fenceKey == null || !fenceKey.isValid()) {
      Files.createDirectories(fenceDirectory);
      try (var leftovers = Files.list(fenceDirectory)) {
        for (Path leftover : leftovers.toList()) {
          Files.deleteIfExists(leftover);
        }
      }
      fenceKey = fenceDirectory.register(service, KINDS);
    }
    // Events of changes made so far (a checkout just done) are taken off the queue, so that they
    // do not count as a touch at the next sync.
    passFence();
    touched = false;
    Set<Object> present = new HashSet<>();
    Files.walkFileTree(
        tree,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
              throws IOException {
            if (directory.equals(gitDirectory)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Object identity = attributes.fileKey();
            WatchKey key = watched.get(identity);
            if (key == null || !key.isValid()) {
              try {
                watched.put(identity, directory.register(service, KINDS));
              } catch (NoSuchFileException e) {
                return FileVisitResult.SKIP_SUBTREE;
              }
            }
            present.add(identity);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            // Gone while walked (here or above): its watched parent has the event, and the
            // caller's full check follows anyway.
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
    watched.entrySet().removeIf(entry -> {
      if (present.contains(entry.getKey())) {
        return false;
      }
      entry.getValue().cancel();
      return true;
    });
  }

  /**
   * Creates the fence file and takes keys off the queue until its creation's event arrives; any
   * key of the tree on the way is a touch. Each fence has a name of its own, so that an event of
   * an earlier fence (its deletion, or one read late) is never taken for this one.
   */
  private void passFence() {
    Path fence = fenceDirectory.resolve("fence-" + (++fences));
    try {
      Files.createFile(fence);
    } catch (IOException e) {
      touched = true;
      return;
    }
    try {
      awaitCreation(fence.getFileName());
    } finally {
      try {
        Files.deleteIfExists(fence);
      } catch (IOException e) {
        // Left in .git, outside the working tree; the next start clears the directory.
      }
    }
  }

  private void awaitCreation(Path fenceName) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FENCE_TIMEOUT_MILLIS);
    try {
      boolean passed = false;
      while (!passed) {
        WatchKey key = service.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (key == null) {
          touched = true;
          return;
        }
        passed = take(key, fenceName);
      }
      // A key signalled before the fence may sit behind the fence's key, when that key was
      // already queued by an event of an earlier fence: everything queued by now is looked at.
      for (WatchKey key = service.poll(); key != null; key = service.poll()) {
        take(key, fenceName);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      touched = true;
    }
  }

  /**
   * Takes a key's events: any of the tree's is a touch, and so is an overflow (which may have
   * dropped events, the fence's own included) or a watch lost. True once the fence is passed.
   */
  private boolean take(WatchKey key, Path fenceName) {
    boolean passed = false;
    boolean overflow = false;
    for (WatchEvent<?> event : key.pollEvents()) {
      overflow |= event.kind() == OVERFLOW;
      passed |= event.kind() == ENTRY_CREATE && fenceName.equals(event.context());
    }
    boolean valid = key.reset();
    if (key != fenceKey || overflow || !valid) {
      touched = true;
      return key == fenceKey;
    }
    return passed;
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      // Its descriptors are released with the process at worst; nothing reads them again.
    }
  }
}
