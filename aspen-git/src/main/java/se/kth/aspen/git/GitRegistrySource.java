package se.kth.aspen.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.RegistrySnapshot;
import se.kth.aspen.core.port.RegistrySource;
import se.kth.aspen.core.port.UnreachableException;

/**
 * The application registry read from a git repository with JGit, over https, ssh or file.
 *
 * <p>The first sync clones into a {@code checkout-*} directory under the working directory;
 * later syncs fetch the followed branch and, when it moved (even by a force push), hard-reset to
 * it and remove untracked files. When the remote cannot be reached, the last good snapshot stays
 * in service, marked stale with the reason. A damaged clone (not a repository, another remote,
 * missing objects, a broken or missing index) is replaced by a fresh clone made beside it.
 * Submodules are not checked out. Between syncs the working tree is watched (on Linux), so that a
 * sync that finds it untouched need not walk it to know it is still the commit's tree. Syncs are
 * serialised; call {@link #close()} to release the ssh client and the watch.
 */
public final class GitRegistrySource implements RegistrySource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GitRegistrySource.class);
  /** More packs than this (one per fetch that brought something) and the clone is repacked. */
  private static final int MAX_PACKS = 50;

  private final RemoteUrl remote;
  private final CheckoutArea area;
  private final RemoteFetch fetch;
  private final Optional<SshdSessionFactory> ssh;
  private final CloneGuard guard;
  private RegistrySnapshot lastGood;

  public GitRegistrySource(GitRegistrySettings settings) {
    this(settings, CloneGuard.watching());
  }

  /** With another guard: tests simulate a watch that cannot start. */
  GitRegistrySource(GitRegistrySettings settings, CloneGuard guard) {
    JGitStart.ahead();
    this.guard = guard;
    this.remote = settings.remote();
    this.area = new CheckoutArea(settings.workingDirectory());
    KnownHosts knownHosts = new KnownHosts(settings.knownHostEntries(), settings.knownHostFiles());
    this.ssh =
        remote.kind() == RemoteUrl.Kind.SSH
            ? Optional.of(SshSessions.create(knownHosts, settings.identityFiles(), area.root()))
            : Optional.empty();
    this.fetch =
        new RemoteFetch(
            remote,
            settings.branch(),
            RemoteFetch.credentials(remote, settings),
            ssh,
            settings.identityFiles(),
            new RemoteFailures(remote, knownHosts));
  }

  /**
   * Writes the tree of one revision (a branch, tag, commit or any expression git resolves to a
   * commit) of a local repository, bare or with a work tree, into a new directory; the
   * repository's own work tree and index are not touched. Submodules are left out.
   *
   * @param repository the repository: a work tree holding {@code .git}, or a bare repository
   * @param into a directory that does not exist yet, or is empty
   * @return the commit id the revision names
   * @throws RefusedException when there is no repository there or the revision names no commit
   * @throws IOException when the tree cannot be written
   */
  public static String exportRevision(Path repository, String revision, Path into) throws PortException, IOException {
    return RevisionExport.export(repository, revision, into);
  }

  @Override
  public synchronized RegistrySnapshot sync(Deadline deadline) throws PortException {
    Optional<WorkingCopy> copy = Optional.empty();
    String damage = null;
    try {
      Optional<Path> current = area.current();
      if (current.isPresent()) {
        try {
          copy = Optional.of(WorkingCopy.open(current.get()));
          damage = copy.get().damage(remote.gitUrl()).orElse(null);
        } catch (IOException | RuntimeException e) {
          damage = "it is not a readable git repository (" + e.getMessage() + ")";
        }
      }
    } catch (IOException e) {
      damage = "its pointer file cannot be read (" + e.getMessage() + ")";
    }
    try {
      if (copy.isPresent() && damage == null) {
        return remember(update(copy.get(), deadline));
      }
      if (damage != null) {
        LOG.warn("The registry clone under {} is damaged: {}; cloning {} afresh", area.root(), damage, remote);
      }
      return remember(cloneAfresh(deadline));
    } catch (PortException e) {
      return stale(e, damage == null ? copy : Optional.empty());
    } finally {
      copy.ifPresent(WorkingCopy::close);
    }
  }

  private RegistrySnapshot update(WorkingCopy copy, Deadline deadline) throws PortException {
    // A cold start's first check walks the whole tree: it runs beside the fetch, which leaves the
    // tree alone, and is waited for before anything else reads or writes the copy.
    guard.checkAhead(copy);
    try {
      return fetchAndCheck(copy, deadline);
    } finally {
      guard.dropAhead();
    }
  }

  private RegistrySnapshot fetchAndCheck(WorkingCopy copy, Deadline deadline) throws PortException {
    ObjectId target = fetch.fetch(copy, deadline);
    try {
      ObjectId before = copy.head().orElseThrow();
      if (!target.equals(before)) {
        guard.checkout(copy, target);
      } else {
        guard.ensurePristine(copy);
      }
      RegistrySnapshot snapshot = snapshot(copy, target);
      if (!target.equals(before)) {
        LOG.info("Registry {} moved from {} to {}", remote, abbreviate(before), abbreviate(target));
        compact(copy);
      }
      return snapshot;
    } catch (IOException | GitAPIException | RuntimeException e) {
      LOG.warn("Updating the registry clone {} failed ({}); cloning {} afresh", copy.directory(), e.getMessage(), remote);
      return cloneAfresh(deadline);
    }
  }

  /** After the diff: packing drops commits a force push left unreachable. Never fails a sync. */
  private static void compact(WorkingCopy copy) {
    try {
      if (copy.compactIfFragmented(MAX_PACKS)) {
        LOG.info("Packed the registry clone {}", copy.directory());
      }
    } catch (IOException | GitAPIException | RuntimeException e) {
      LOG.warn("Packing the registry clone {} failed: {}", copy.directory(), e.getMessage());
    }
  }

  private RegistrySnapshot cloneAfresh(Deadline deadline) throws PortException {
    Path directory;
    try {
      directory = area.fresh();
    } catch (IOException e) {
      throw new UnreachableException(
          "cloning " + remote + " into " + area.root() + ": cannot create a directory there ("
              + e.getMessage() + ")");
    }
    boolean promoted = false;
    try (WorkingCopy copy = WorkingCopy.create(directory, remote.gitUrl())) {
      ObjectId target = fetch.fetch(copy, deadline);
      copy.checkout(target, false);
      // Watched before it is served, so that a change made to it from now on is seen.
      guard.checkedOut(copy);
      area.promote(directory);
      promoted = true;
      LOG.info("Cloned registry {} at {} into {}", remote, abbreviate(target), directory);
      return snapshot(copy, target);
    } catch (IOException | GitAPIException | RuntimeException e) {
      throw new UnreachableException(
          "cloning " + remote + " into " + directory + ": " + remote.scrub(e.getMessage()));
    } finally {
      if (!promoted) {
        area.discard(directory);
      }
    }
  }

  private RegistrySnapshot snapshot(WorkingCopy copy, ObjectId target) throws IOException {
    Optional<Set<String>> changed =
        lastGood == null ? Optional.empty() : copy.changedPaths(lastGood.revision(), target);
    return new RegistrySnapshot(copy.directory(), target.name(), changed, Optional.empty());
  }

  private RegistrySnapshot remember(RegistrySnapshot snapshot) {
    lastGood = snapshot;
    return snapshot;
  }

  /**
   * The last good snapshot marked stale; after a restart, the healthy clone on disk. Nothing
   * changed since the snapshot handed out before, so the changed paths are empty.
   */
  private RegistrySnapshot stale(PortException failure, Optional<WorkingCopy> healthyCopy)
      throws PortException {
    String reason = failure.getMessage();
    if (lastGood != null && Files.isDirectory(lastGood.root())) {
      LOG.warn("Registry {} not refreshed, serving {} again: {}", remote, abbreviate(lastGood.revision()), reason);
      return new RegistrySnapshot(
          lastGood.root(), lastGood.revision(), Optional.of(Set.of()), Optional.of(reason));
    }
    if (healthyCopy.isPresent()) {
      try {
        WorkingCopy copy = healthyCopy.get();
        ObjectId head = copy.head().orElseThrow();
        if (!copy.isPristine()) {
          copy.checkout(head);
        }
        lastGood = new RegistrySnapshot(copy.directory(), head.name(), Optional.empty(), Optional.empty());
        LOG.warn("Registry {} not refreshed, serving the clone on disk at {}: {}", remote, abbreviate(head), reason);
        return new RegistrySnapshot(copy.directory(), head.name(), Optional.empty(), Optional.of(reason));
      } catch (IOException | GitAPIException | RuntimeException e) {
        LOG.warn("The registry clone {} cannot be served: {}", healthyCopy.get().directory(), e.getMessage());
      }
    }
    throw failure;
  }

  private static String abbreviate(ObjectId id) {
    return id.abbreviate(10).name();
  }

  private static String abbreviate(String revision) {
    return revision.length() > 10 ? revision.substring(0, 10) : revision;
  }

  /** Full checks of the working tree so far: how tests see that the watch spared one. */
  long fullChecks() {
    return guard.fullChecks();
  }

  @Override
  public void close() {
    ssh.ifPresent(SshdSessionFactory::close);
    guard.close();
  }

  @Override
  public String toString() {
    return "GitRegistrySource[" + remote + " into " + area.root() + "]";
  }
}
