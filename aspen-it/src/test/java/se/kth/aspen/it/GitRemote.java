package se.kth.aspen.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The application registry as users have it: a bare repository reached over {@code file://},
 * and a clone of it where the test edits stack files, commits and pushes like a developer.
 */
final class GitRemote implements AutoCloseable {

  private final Path bare;
  private final Path work;
  private final Git git;

  GitRemote(Path directory) {
    try {
      this.bare = directory.resolve("remote.git");
      this.work = directory.resolve("developer");
      Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
      this.git = Git.cloneRepository().setURI(url()).setDirectory(work.toFile()).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot make the test's git registry: " + e.getMessage(), e);
    }
  }

  /** {@code file:///...remote.git}. */
  String url() {
    return bare.toUri().toString();
  }

  Path bare() {
    return bare;
  }

  /** Writes a file in the developer's clone, making its directories. */
  GitRemote write(String path, String content) {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  GitRemote write(String path, byte[] content) {
    try {
      Path file = work.resolve(path);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  GitRemote delete(String path) {
    try {
      Path target = work.resolve(path);
      if (Files.isDirectory(target)) {
        try (Stream<Path> walk = Files.walk(target)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      } else {
        Files.deleteIfExists(target);
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits everything and pushes it to the bare repository; returns the new revision. */
  String commitAndPush(String message) {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      String revision = git.commit().setMessage(message).setAuthor("it", "it@example.org")
          .setCommitter("it", "it@example.org").setSign(false).call().getName();
      git.push().setRemote("origin").setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/main")).call();
      return revision;
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot commit and push: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
