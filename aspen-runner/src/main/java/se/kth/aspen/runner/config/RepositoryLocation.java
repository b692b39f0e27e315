package se.kth.aspen.runner.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the application registry's repository is ({@code REGISTRY_REPOSITORY_URL}): a git remote
 * to clone, or a plain directory read as it is. Not to be confused with an image registry.
 */
public sealed interface RepositoryLocation {

  /** A git remote ({@code https://}, {@code ssh://}, {@code git@host:path}, {@code file://}). */
  record GitRemote(String url) implements RepositoryLocation {
    public GitRemote {
      Objects.requireNonNull(url, "url");
    }

    /** The URL without any user information, which may hold a token. */
    @Override
    public String toString() {
      return Redaction.url(url);
    }
  }

  /** A local directory, read as it is: no git, its revision is a hash of its content. */
  record LocalDirectory(Path path) implements RepositoryLocation {
    public LocalDirectory {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
      return path.toString();
    }
  }
}
