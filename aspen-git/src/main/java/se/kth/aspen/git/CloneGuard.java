package se.kth.aspen.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the clone in service exactly its HEAD's tree, walking it with a {@code git status} only
 * when something may have changed: when a {@link CloneWatch} saw the working tree touched, HEAD
 * moved, or the index is not the file written when the tree was last verified (a {@code git add}
 * or {@code git reset} run in the clone). Without a watch (not Linux, or it could not start) every
 * check walks, as git does without fsmonitor.
 *
 * <p>The order makes sure that no change slips between check and watch: the watch is (re)started
 * first, then the tree verified in full, and only then trusted.
 *
 * <p>The watch starts with the second sync, not the first: registering every directory costs about
 * as much as a walk, which a one-shot command ({@code plan}, {@code run --once}) would pay for
 * nothing. Until then every check walks, as without a watch.
 */
final class CloneGuard implements AutoCloseable {

  /** Starts a watch over a working tree; replaced in tests to simulate one that cannot start. */
  interface Watcher {
    CloneWatch start(Path tree) throws IOException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(CloneGuard.class);
  /**
   * Full checks one sync makes at most: a checkout found undone at once (someone writing into
   * the clone as it syncs) is checked out again once, then left to the next sync.
   */
  private static final int ROUNDS = 2;

  private final Watcher watcher;
  private CloneWatch watch;
  private boolean watchUnavailable;
  /** False until the first check has been made: the watch is for a source synced again. */
  private boolean syncedBefore;
  private boolean closed;
  /** The full check started beside a fetch, not yet taken; null when none is. */
  private Ahead ahead;
  /** What the tree was verified against, while the watch has run since; null when not known. */
  private Verified verified;
  private long fullChecks;

  CloneGuard(Watcher watcher) {
    this.watcher = watcher;
  }

  /** The watch used outside tests. */
  static CloneGuard watching() {
    return new CloneGuard(CloneWatch::start);
  }

  /**
   * Starts, on a thread of its own, the full check that {@link #ensurePristine} makes first when
   * no watch is involved: the first check of a source (a cold start's sync). The caller fetches
   * meanwhile; a fetch writes neither the working tree nor the index nor HEAD, so the check sees
   * what it would see after the fetch. Either {@link #ensurePristine} takes its answer or {@link
   * #dropAhead()} waits for it and throws it away; both before anything writes to the copy.
   */
  synchronized void checkAhead(WorkingCopy copy) {
    if (syncedBefore || closed || ahead != null) {
      return;
    }
    CompletableFuture<Boolean> check = new CompletableFuture<>();
    ahead = new Ahead(copy, check);
    Thread.ofVirtual().name("aspen-clone-check").start(() -> {
      try {
        check.complete(copy.isPristine());
      } catch (GitAPIException | RuntimeException e) {
        check.completeExceptionally(e);
      }
    });
  }

  /** Waits for a check started ahead and not taken, and forgets it. */
  synchronized void dropAhead() {
    if (ahead != null) {
      ahead.answer().handle((pristine, failure) -> null).join();
      ahead = null;
    }
  }

  /**
   * Makes the copy's working tree and index exactly its HEAD again if anything changed them,
   * with a full check only when the watch cannot rule a change out.
   */
  synchronized void ensurePristine(WorkingCopy copy) throws IOException, GitAPIException {
    if (verified != null
        && watch != null
        && watch.tree().equals(copy.directory())
        && verified.matches(copy)
        && !watch.touched()) {
      return;
    }
    verify(copy);
    syncedBefore = true;
  }

  /** Moves the copy to {@code commit} and verifies it, watching the tree it has now. */
  synchronized void checkout(WorkingCopy copy, ObjectId commit) throws IOException, GitAPIException {
    dropAhead();
    verified = null;
    copy.checkout(commit);
    checkedOut(copy);
  }

  /**
   * After a checkout: the watch is brought up to the tree and the tree verified. Without a watch
   * there is nothing to bring up, and the next sync checks the tree anyway.
   */
  synchronized void checkedOut(WorkingCopy copy) throws IOException, GitAPIException {
    verified = null;
    if (!watchUnavailable && !closed && syncedBefore) {
      verify(copy);
    }
    syncedBefore = true;
  }

  /**
   * (Re)starts the watch over the copy, then checks the whole tree against HEAD and checks HEAD
   * out again when it differs. A change made between a checkout and the watch's registration is
   * reported by no event, so a checkout is followed by another watch and check.
   */
  private void verify(WorkingCopy copy) throws IOException, GitAPIException {
    verified = null;
    ObjectId head = copy.head().orElseThrow(() -> new IOException("the clone has no HEAD"));
    for (int round = 1; ; round++) {
      boolean watched = watch(copy.directory());
      fullChecks++;
      if (round == 1 && !watched ? pristineAhead(copy) : copy.isPristine()) {
        // A clone checked out by an older Aspen, or files left racy by the last refresh.
        copy.refreshIndexIfSmudged();
        if (watched) {
          verified = Verified.of(copy);
        }
        return;
      }
      copy.checkout(head);
      if (!watched || round == ROUNDS) {
        // Unverified since that checkout: the next sync walks again.
        return;
      }
    }
  }

  /** The answer of the check started ahead over this copy, else a check made now. */
  private boolean pristineAhead(WorkingCopy copy) throws GitAPIException {
    Ahead started = ahead;
    ahead = null;
    if (started != null && started.copy() == copy) {
      try {
        return started.answer().join();
      } catch (CompletionException e) {
        // checked again below, on this thread, which reports the failure as before
      }
    } else if (started != null) {
      started.answer().handle((pristine, failure) -> null).join();
    }
    return copy.isPristine();
  }

  /** Full checks (walks of the whole tree) made so far; tests observe the watch with it. */
  synchronized long fullChecks() {
    return fullChecks;
  }

  private boolean watch(Path tree) {
    if (watchUnavailable || closed || !syncedBefore) {
      return false;
    }
    try {
      if (watch != null && watch.tree().equals(tree)) {
        watch.rescan();
      } else {
        closeWatch();
        watch = watcher.start(tree);
        LOG.debug("Watching {} directories of the registry clone {}", watch.watchedDirectories(), tree);
      }
      return true;
    } catch (IOException | RuntimeException e) {
      closeWatch();
      watchUnavailable = true;
      String unsupported = CloneWatch.unsupportedBecause();
      if (unsupported != null) {
        LOG.info("Not watching the registry clone ({}): every sync checks its whole working tree", unsupported);
      } else {
        LOG.warn("Watching the registry clone {} failed ({}); every sync checks its whole working tree from now on", tree, e.getMessage());
      }
      return false;
    }
  }

  private void closeWatch() {
    if (watch != null) {
      watch.close();
      watch = null;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    closeWatch();
  }

  /** A full check of a copy started ahead, and its answer to come. */
  private record Ahead(WorkingCopy copy, CompletableFuture<Boolean> answer) {}

  /**
   * HEAD and the index file as they were when the tree was verified. The index is written to a
   * new file and renamed into place, so its file key changes at every write, even one that keeps
   * its size within the same time granule.
   */
  private record Verified(Path tree, ObjectId head, long indexSize, FileTime indexModified, Object indexKey) {

    static Verified of(WorkingCopy copy) throws IOException {
      Path index = copy.repository().getIndexFile().toPath();
      BasicFileAttributes attributes = Files.readAttributes(index, BasicFileAttributes.class);
      return new Verified(
          copy.directory(),
          copy.head().orElse(ObjectId.zeroId()),
          attributes.size(),
          attributes.lastModifiedTime(),
          Objects.requireNonNullElse(attributes.fileKey(), "no file key"));
    }

    boolean matches(WorkingCopy copy) {
      try {
        return equals(of(copy));
      } catch (IOException e) {
        return false;
      }
    }
  }
}
