package se.kth.aspen.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;

/**
 * One revision's tree written out of a local repository into a directory, without touching the
 * repository's own working tree or index: for comparing two revisions side by side. Submodules
 * are left out, links are written as links, and a path that would leave the directory is refused.
 */
final class RevisionExport {

  private RevisionExport() {}

  static String export(Path repository, String revision, Path into) throws PortException, IOException {
    Path dotGit = repository.resolve(Constants.DOT_GIT);
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true)
        .setGitDir((Files.isDirectory(dotGit) ? dotGit : repository).toFile());
    try (Repository repo = open(builder, repository); RevWalk walk = new RevWalk(repo)) {
      ObjectId id;
      try {
        id = repo.resolve(revision + "^{commit}");
      } catch (RevisionSyntaxException | IOException e) {
        throw new RefusedException("revision \"" + revision + "\" of " + repository + ": " + e.getMessage(), e);
      }
      if (id == null) {
        throw new RefusedException("revision \"" + revision + "\" is not a commit of " + repository);
      }
      RevCommit commit = walk.parseCommit(id);
      Path root = into.toAbsolutePath().normalize();
      Files.createDirectories(root);
      try (TreeWalk tree = new TreeWalk(repo)) {
        tree.addTree(commit.getTree());
        tree.setRecursive(true);
        while (tree.next()) {
          Path file = root.resolve(tree.getPathString()).normalize();
          if (!file.startsWith(root) || file.equals(root)) {
            throw new RefusedException("revision " + id.name() + " of " + repository + " has a path leaving its tree: "
                + tree.getPathString());
          }
          FileMode mode = tree.getFileMode(0);
          if (mode == FileMode.GITLINK) {
            continue;
          }
          Files.createDirectories(file.getParent());
          byte[] content = repo.open(tree.getObjectId(0)).getBytes();
          if (mode == FileMode.SYMLINK) {
            Files.createSymbolicLink(file, Path.of(new String(content, StandardCharsets.UTF_8)));
          } else {
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
              out.write(content);
            }
          }
        }
      }
      return id.name();
    }
  }

  private static Repository open(FileRepositoryBuilder builder, Path repository) throws RefusedException {
    try {
      return builder.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new RefusedException(repository + " is not a git repository: " + e.getMessage(), e);
    }
  }
}
