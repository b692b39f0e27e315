package se.kth.aspen.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.submodule.SubmoduleWalk.IgnoreSubmoduleMode;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * One local clone of the registry: its HEAD is detached at the commit being served, and its
 * working tree is exactly that commit's tree (submodules left out).
 */
final class WorkingCopy implements AutoCloseable {

  /** How many times {@link #refreshIndex()} writes the index at most. */
  private static final int REFRESH_ROUNDS = 3;

  /** Where a fetch leaves the remote's head; the only ref a fetch writes. */
  static final String FETCHED = "refs/aspen/fetched";

  private final Path directory;
  private final Repository repository;

  private WorkingCopy(Path directory, Repository repository) {
    this.directory = directory;
    this.repository = repository;
  }

  /** Opens an existing clone; fails when there is no repository there. */
  static WorkingCopy open(Path directory) throws IOException {
    Repository repository =
        new FileRepositoryBuilder()
            .setGitDir(directory.resolve(Constants.DOT_GIT).toFile())
            .setWorkTree(directory.toFile())
            .setMustExist(true)
            .build();
    return new WorkingCopy(directory, repository);
  }

  /** Makes an empty repository whose remote {@code origin} is {@code gitUrl}. */
  static WorkingCopy create(Path directory, String gitUrl) throws IOException {
    Files.createDirectories(directory);
    Repository repository =
        new FileRepositoryBuilder()
            .setGitDir(directory.resolve(Constants.DOT_GIT).toFile())
            .setWorkTree(directory.toFile())
            .build();
    repository.create();
    StoredConfig config = repository.getConfig();
    config.setString(ConfigConstants.CONFIG_REMOTE_SECTION, "origin", "url", gitUrl);
    // Pinned here so that a user's ~/.gitconfig cannot change what a checkout looks like: links
    // stay links (readers must see and refuse them), bytes stay bytes.
    config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_SYMLINKS, true);
    config.setString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, "false");
    // JGit runs an automatic gc after every fetch, detached on a background thread by default;
    // it must not run beside a pass, so it is off and compactIfFragmented packs instead, inline.
    config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
    config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOPACKLIMIT, 0);
    config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
    config.save();
    return new WorkingCopy(directory, repository);
  }

  Path directory() {
    return directory;
  }

  Repository repository() {
    return repository;
  }

  /**
   * What is wrong with this clone, if anything: another remote, no commit, missing objects, a
   * missing or unreadable index. Cheap: it reads the config, HEAD, one commit, one tree and the
   * index.
   */
  Optional<String> damage(String expectedGitUrl) {
    String url =
        repository.getConfig().getString(ConfigConstants.CONFIG_REMOTE_SECTION, "origin", "url");
    if (!expectedGitUrl.equals(url)) {
      return Optional.of("it is a clone of another remote (" + RemoteUrl.redact(String.valueOf(url)) + ")");
    }
    try {
      Optional<ObjectId> head = head();
      if (head.isEmpty()) {
        return Optional.of("it has no commit checked out");
      }
      try (RevWalk walk = new RevWalk(repository)) {
        RevCommit commit = walk.parseCommit(head.get());
        try (ObjectReader reader = repository.newObjectReader()) {
          if (!reader.has(commit.getTree())) {
            return Optional.of("the tree of its commit " + head.get().name() + " is missing");
          }
        }
      }
      if (!Files.isRegularFile(repository.getIndexFile().toPath())) {
        return Optional.of("its index file is missing");
      }
      repository.readDirCache();
      return Optional.empty();
    } catch (MissingObjectException e) {
      return Optional.of("object " + e.getObjectId().name() + " is missing");
    } catch (IOException | RuntimeException e) {
      return Optional.of("it cannot be read: " + e.getMessage());
    }
  }

  Optional<ObjectId> head() throws IOException {
    Ref head = repository.exactRef(Constants.HEAD);
    return Optional.ofNullable(head).map(Ref::getObjectId);
  }

  Optional<ObjectId> fetched() throws IOException {
    Ref ref = repository.exactRef(FETCHED);
    return Optional.ofNullable(ref).map(Ref::getObjectId);
  }

  /**
   * Makes HEAD, the index and the working tree exactly {@code commit}: a detached HEAD, a hard
   * reset, and every untracked or ignored file and directory removed.
   */
  void checkout(ObjectId commit) throws IOException, GitAPIException {
    checkout(commit, true);
  }

  /** As {@link #checkout(ObjectId)}; a fresh clone has nothing to clean, so may skip that walk. */
  void checkout(ObjectId commit, boolean clean) throws IOException, GitAPIException {
    RefUpdate update = repository.updateRef(Constants.HEAD, true);
    update.setNewObjectId(commit);
    update.disableRefLog();
    RefUpdate.Result result = update.forceUpdate();
    if (result != RefUpdate.Result.FORCED
        && result != RefUpdate.Result.NEW
        && result != RefUpdate.Result.NO_CHANGE) {
      throw new IOException("moving HEAD to " + commit.name() + " failed: " + result);
    }
    try (Git git = Git.wrap(repository)) {
      git.reset().setMode(ResetType.HARD).setRef(commit.name()).call();
      if (clean) {
        git.clean().setCleanDirectories(true).setIgnore(false).setForce(true).call();
      }
    }
    if (!clean) {
      recordWrittenFiles();
    }
    refreshIndex();
  }

  /**
   * After a checkout into a fresh clone: records each regular file's size and time in its index
   * entry from one lstat, where {@link #refreshIndex()} would read and hash every file to learn
   * that its content is the blob the checkout just wrote there. Only for a clone nothing else knows
   * of yet (not in service, made by this process a moment ago): the checkout itself recorded each
   * file this way before its index write smudged them all as racily clean. Files written within the
   * granule of this write are smudged again by JGit's own rule and hashed by the refresh after.
   */
  private void recordWrittenFiles() throws IOException {
    DirCache index = repository.lockDirCache();
    try {
      for (int i = 0; i < index.getEntryCount(); i++) {
        DirCacheEntry entry = index.getEntry(i);
        FileMode mode = entry.getFileMode();
        if (!entry.isSmudged() || (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE)) {
          continue;
        }
        BasicFileAttributes file;
        try {
          file = Files.readAttributes(directory.resolve(entry.getPathString()), BasicFileAttributes.class,
              LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
          continue; // left smudged: the refresh hashes it, a status reports it
        }
        if (file.isRegularFile()) {
          entry.setLength(file.size());
          entry.setLastModified(file.lastModifiedTime().toInstant());
        }
      }
      index.write();
      if (!index.commit()) {
        throw new IOException("writing the index of " + directory + " failed");
      }
    } finally {
      index.unlock();
    }
  }

  /**
   * Rewrites the index when some of its entries are "smudged", so that {@link #isPristine()}
   * can trust file sizes and times again instead of hashing those files. Cheap when nothing is
   * smudged: it reads the index.
   */
  void refreshIndexIfSmudged() throws IOException {
    if (smudgedEntries(repository.readDirCache()) > 0) {
      refreshIndex();
    }
  }

  /**
   * The equivalent of {@code git update-index --refresh}, needed after every checkout.
   *
   * <p>A checkout writes the index with a timestamp taken before it writes the files, so every
   * file it wrote looks "racily clean" (possibly changed within the timestamp's granule after
   * being recorded) and JGit smudges its entry (records length 0). A status must then hash every
   * such file on every run: 50-140 ms for 1 000 apps, the bulk of a no-change sync. Writing the
   * index again makes JGit hash each smudged file once and record its size and time when the
   * content still equals the indexed blob; entries whose file is modified stay smudged, so a
   * status still reports them. Files whose time falls in the granule of the new write are
   * smudged again, by JGit's own rule, so a further round after a short pause records them.
   */
  void refreshIndex() throws IOException {
    for (int round = 1; round <= REFRESH_ROUNDS; round++) {
      DirCache index = repository.lockDirCache();
      try {
        index.write();
        if (!index.commit()) {
          throw new IOException("writing the index of " + directory + " failed");
        }
      } finally {
        index.unlock();
      }
      if (smudgedEntries(index) == 0 || round == REFRESH_ROUNDS) {
        return;
      }
      try {
        // Only files written within one timestamp granule of the last write are left; let the
        // clock move past it. Runs once per checkout at most, never on a no-change sync.
        Thread.sleep(10L * round);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static int smudgedEntries(DirCache index) {
    int smudged = 0;
    for (int i = 0; i < index.getEntryCount(); i++) {
      if (index.getEntry(i).isSmudged()) {
        smudged++;
      }
    }
    return smudged;
  }

  /**
   * True when the working tree and index hold exactly HEAD's tree: nothing modified, missing,
   * untracked or ignored.
   */
  boolean isPristine() throws GitAPIException {
    try (Git git = Git.wrap(repository)) {
      Status status = git.status().setIgnoreSubmodules(IgnoreSubmoduleMode.ALL).call();
      return status.isClean() && status.getIgnoredNotInIndex().isEmpty();
    }
  }

  /**
   * The paths that differ between two commits, or empty when {@code from} is not in this
   * repository (a history rewritten and collected, a fresh clone of another history).
   */
  Optional<Set<String>> changedPaths(String from, ObjectId to) throws IOException {
    ObjectId fromId = ObjectId.fromString(from);
    if (fromId.equals(to)) {
      return Optional.of(Set.of());
    }
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      RevCommit before;
      try {
        before = walk.parseCommit(fromId);
      } catch (MissingObjectException e) {
        return Optional.empty();
      }
      RevCommit after = walk.parseCommit(to);
      tree.addTree(before.getTree());
      tree.addTree(after.getTree());
      tree.setRecursive(true);
      tree.setFilter(TreeFilter.ANY_DIFF);
      Set<String> paths = new HashSet<>();
      while (tree.next()) {
        paths.add(tree.getPathString());
      }
      return Optional.of(paths);
    }
  }

  /**
   * Packs the object store when fetches have left more than {@code maxPacks} pack files: every
   * fetch that brings something adds one, and lookups slow down as they pile up over months.
   * Objects no longer reachable (a force-pushed history) are pruned after git's usual grace.
   *
   * @return true when it packed
   */
  boolean compactIfFragmented(int maxPacks) throws IOException, GitAPIException {
    Path packs = repository.getDirectory().toPath().resolve("objects/pack");
    long count;
    try (var files = Files.list(packs)) {
      count = files.filter(f -> f.getFileName().toString().endsWith(".pack")).count();
    }
    if (count <= maxPacks) {
      return false;
    }
    // Syncs are serialised and nothing else reads this clone, so the replaced packs may go at
    // once (JGit otherwise keeps them an hour, and the count would stay over the limit).
    repository.getConfig().setString(ConfigConstants.CONFIG_GC_SECTION, null, "prunePackExpire", "now");
    try (Git git = Git.wrap(repository)) {
      git.gc().call();
    }
    return true;
  }

  @Override
  public void close() {
    repository.close();
  }
}
