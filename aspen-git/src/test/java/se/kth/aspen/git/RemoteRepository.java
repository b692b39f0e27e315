package se.kth.aspen.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A real bare repository on disk and an author's clone that commits and pushes to it, as a team
 * would. Files map paths to contents; a {@code null} content deletes the path.
 */
final class RemoteRepository implements AutoCloseable {

  private final Path bare;
  private final Path authorDirectory;
  private final Git author;

  private RemoteRepository(Path bare, Path authorDirectory, Git author) {
    this.bare = bare;
    this.authorDirectory = authorDirectory;
    this.author = author;
  }

  static RemoteRepository create(Path directory) throws GitAPIException, IOException {
    Path bare = directory.resolve("registry.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    Path authorDirectory = directory.resolve("author");
    Git author = Git.init().setInitialBranch("main").setDirectory(authorDirectory.toFile()).call();
    return new RemoteRepository(bare, authorDirectory, author);
  }

  Path bare() {
    return bare;
  }

  /** {@code file:///.../registry.git}, the same whether or not the directory exists. */
  String fileUrl() {
    return "file://" + bare.toAbsolutePath();
  }

  /** Commits the changes on the author's current branch and pushes it. */
  ObjectId commit(String message, Map<String, String> files) throws IOException, GitAPIException {
    return commitOn("main", message, files, false);
  }

  ObjectId commitOn(String branch, String message, Map<String, String> files, boolean force)
      throws IOException, GitAPIException {
    write(files);
    RevCommit commit =
        author.commit().setMessage(message).setAuthor("Author", "author@example.org")
            .setCommitter("Author", "author@example.org").setSign(false).call();
    author.push().setRemote(bare.toUri().toString())
        .setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch).setForceUpdate(force)).call();
    return commit.getId();
  }

  /** Drops the author's last commit, commits {@code files} instead and force-pushes. */
  ObjectId rewriteLastCommit(String message, Map<String, String> files)
      throws IOException, GitAPIException {
    author.reset().setMode(ResetType.HARD).setRef("HEAD~1").call();
    return commitOn("main", message, files, true);
  }

  void createSymlink(String path, Path target) throws IOException, GitAPIException {
    Path link = authorDirectory.resolve(path);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, target);
    author.add().addFilepattern(path).call();
  }

  /** Stages a submodule entry (a gitlink) at {@code path}, pointing at {@code commit}. */
  void addGitlink(String path, ObjectId commit) throws IOException {
    org.eclipse.jgit.dircache.DirCache index = author.getRepository().lockDirCache();
    org.eclipse.jgit.dircache.DirCacheEditor editor = index.editor();
    editor.add(
        new org.eclipse.jgit.dircache.DirCacheEditor.PathEdit(path) {
          @Override
          public void apply(org.eclipse.jgit.dircache.DirCacheEntry entry) {
            entry.setFileMode(org.eclipse.jgit.lib.FileMode.GITLINK);
            entry.setObjectId(commit);
          }
        });
    editor.commit();
  }

  void removePath(String path) throws IOException, GitAPIException {
    author.rm().addFilepattern(path).call();
  }

  private void write(Map<String, String> files) throws IOException, GitAPIException {
    boolean added = false;
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = authorDirectory.resolve(file.getKey());
      if (file.getValue() == null) {
        author.rm().addFilepattern(file.getKey()).call();
      } else {
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
        added = true;
      }
    }
    if (added) {
      author.add().addFilepattern(".").call();
    }
  }

  @Override
  public void close() {
    author.close();
  }
}
