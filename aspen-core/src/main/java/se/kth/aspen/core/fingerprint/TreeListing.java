package se.kth.aspen.core.fingerprint;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One walk of a whole tree, one lstat per entry, links never followed and {@code .git} skipped
 * below the root: what finds the stack files, and what tells the {@link DigestCache} that a
 * directory below is still what it hashed, without listing that directory a second time.
 *
 * <p>A walk a pass made is only good for that pass: a directory changed since is listed afresh
 * whenever its digest is computed anew.
 */
public final class TreeListing {

  /** An entry that is not a directory. */
  public record Found(String relative, Path path, boolean regular, boolean link) {}

  /** An entry the walk could not stat or a directory it could not open, and why. */
  public record Unreadable(String relative, String reason) {}

  private final Path root;
  private final List<String> relatives = new ArrayList<>();
  private final List<Listing.Entry> entries = new ArrayList<>();
  private final List<Found> found = new ArrayList<>();
  private final List<Unreadable> unreadable = new ArrayList<>();

  private TreeListing(Path root) {
    this.root = root;
  }

  /**
   * Walks the tree below the root, which should be a real path (not reached through a link). The
   * entries of the root are walked by as many threads as there are cores, each taking the next
   * entry in turn, and their findings joined in the order the root listed them: the same listing
   * one thread makes, in less time where the tree is large and the cores idle (a pass's start).
   */
  public static TreeListing of(Path root) throws IOException {
    TreeListing tree = new TreeListing(root);
    boolean unix = root.getFileSystem().supportedFileAttributeViews().contains("unix");
    List<Path> top = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
      for (Path child : children) {
        top.add(child);
      }
    } catch (DirectoryIteratorException e) {
      throw e.getCause();
    }
    TreeListing[] parts = new TreeListing[top.size()];
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < parts.length; i = next.getAndIncrement()) {
        TreeListing part = new TreeListing(root);
        part.visit(top.get(i), "", unix);
        parts[i] = part;
      }
    };
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), parts.length);
    if (threads <= 1) {
      worker.run();
    } else {
      try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
          running.add(workers.submit(worker));
        }
        for (Future<?> one : running) {
          one.get();
        }
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while listing " + root);
      }
    }
    for (TreeListing part : parts) {
      tree.entries.addAll(part.entries);
      tree.found.addAll(part.found);
      tree.unreadable.addAll(part.unreadable);
    }
    // Sorted by root-relative path, the entries below any directory form one run.
    tree.entries.sort(null);
    for (Listing.Entry entry : tree.entries) {
      tree.relatives.add(entry.relative());
    }
    return tree;
  }

  /** Every entry that is not a directory: regular files, links, and anything else. */
  public List<Found> found() {
    return Collections.unmodifiableList(found);
  }

  /** What could not be read, by root-relative path. */
  public List<Unreadable> unreadable() {
    return Collections.unmodifiableList(unreadable);
  }

  /** What the walk saw at a path relative to the root. */
  public enum Kind { REGULAR_FILE, LINK, OTHER, ABSENT }

  /**
   * What the walk saw at the path: enough to refuse a linked stack file without a second lstat
   * in the same pass.
   *
   * @param relative '/'-separated, relative to the root
   */
  public Kind kind(String relative) {
    int at = Collections.binarySearch(relatives, relative);
    if (at >= 0) {
      return entries.get(at).linkTarget() == null ? Kind.REGULAR_FILE : Kind.LINK;
    }
    for (Found f : found) {
      if (f.relative().equals(relative)) {
        return Kind.OTHER;
      }
    }
    return Kind.ABSENT;
  }

  /**
   * Whether the walk saw the directory exactly as listed: same entries, same stat of each. Asked
   * once per target per pass, so it compares in place rather than building a listing.
   */
  boolean holds(Path directory, Listing listing) {
    String prefix = prefixOf(directory);
    if (prefix == null) {
      return false;
    }
    for (Unreadable u : unreadable) {
      if (u.relative().startsWith(prefix) || prefix.startsWith(u.relative() + "/")) {
        return false;
      }
    }
    int from = Collections.binarySearch(relatives, prefix);
    from = from < 0 ? -from - 1 : from;
    List<Listing.Entry> expected = listing.entries();
    int i = from;
    for (Listing.Entry want : expected) {
      if (i >= relatives.size()) {
        return false;
      }
      Listing.Entry seen = entries.get(i++);
      String relative = seen.relative();
      if (relative.length() != prefix.length() + want.relative().length() || !relative.startsWith(prefix)
          || !relative.endsWith(want.relative()) || !sameStat(seen, want)) {
        return false;
      }
    }
    return i >= relatives.size() || !relatives.get(i).startsWith(prefix);
  }

  /** The listing of a directory below the root as this walk saw it; empty where {@link #holds} would refuse. */
  Optional<Listing> below(Path directory) {
    String prefix = prefixOf(directory);
    if (prefix == null) {
      return Optional.empty();
    }
    for (Unreadable u : unreadable) {
      if (u.relative().startsWith(prefix) || prefix.startsWith(u.relative() + "/")) {
        return Optional.empty();
      }
    }
    int from = Collections.binarySearch(relatives, prefix);
    from = from < 0 ? -from - 1 : from;
    List<Listing.Entry> below = new ArrayList<>();
    for (int i = from; i < relatives.size() && relatives.get(i).startsWith(prefix); i++) {
      Listing.Entry e = entries.get(i);
      below.add(new Listing.Entry(e.relative().substring(prefix.length()), e.path(), e.size(), e.modified(), e.changed(),
          e.fileKey(), e.linkTarget()));
    }
    return Optional.of(new Listing(below));
  }

  private static boolean sameStat(Listing.Entry a, Listing.Entry b) {
    return a.size() == b.size() && a.modified().equals(b.modified()) && java.util.Objects.equals(a.changed(), b.changed())
        && java.util.Objects.equals(a.fileKey(), b.fileKey()) && java.util.Objects.equals(a.linkTarget(), b.linkTarget())
        && a.path().equals(b.path());
  }

  // The directory's path relative to the root with a trailing '/', or null when it is not strictly below the root.
  private String prefixOf(Path directory) {
    if (!directory.startsWith(root) || directory.getNameCount() == root.getNameCount()) {
      return null;
    }
    String separator = root.getFileSystem().getSeparator();
    String text = directory.toString();
    String base = root.toString();
    String relative = text.substring(base.endsWith(separator) ? base.length() : base.length() + separator.length());
    return (separator.equals("/") ? relative : relative.replace(separator, "/")) + "/";
  }

  private void walk(DirectoryStream<Path> children, String prefix, boolean unix) {
    for (Path child : children) {
      visit(child, prefix, unix);
    }
  }

  private void visit(Path child, String prefix, boolean unix) {
    String name = child.getFileName().toString();
    String relative = prefix + name;
    Listing.Stat stat;
    try {
      stat = Listing.Stat.of(child, unix);
    } catch (IOException e) {
      unreadable.add(new Unreadable(relative, e.getMessage()));
      return;
    }
    if (stat.directory()) {
      if (!name.equals(".git")) {
        try (DirectoryStream<Path> grandchildren = Files.newDirectoryStream(child)) {
          walk(grandchildren, relative + "/", unix);
        } catch (IOException | DirectoryIteratorException e) {
          unreadable.add(new Unreadable(relative, e instanceof DirectoryIteratorException d
              ? d.getCause().getMessage() : e.getMessage()));
        }
      }
      return;
    }
    found.add(new Found(relative, child, stat.regular(), stat.link()));
    Listing.Entry entry = null;
    if (stat.link()) {
      try {
        entry = new Listing.Entry(relative, child, 0, stat.modified(), stat.changed(), stat.fileKey(),
            Files.readSymbolicLink(child).toString());
      } catch (IOException e) {
        unreadable.add(new Unreadable(relative, e.getMessage()));
      }
    } else if (stat.regular()) {
      entry = new Listing.Entry(relative, child, stat.size(), stat.modified(), stat.changed(), stat.fileKey(), null);
    }
    if (entry != null) {
      entries.add(entry);
    }
  }
}
