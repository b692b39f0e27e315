package se.kth.aspen.runner.config;

import java.nio.file.Path;
import java.util.Objects;

/** Where the application registry is: a git remote to clone, or a plain directory read as it is. */
public sealed interface RegistryLocation {

  /** A git remote ({@code https://}, {@code ssh://}, {@code git@host:path}, {@code file://}). */
  record GitRemote(String url) implements RegistryLocation {
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
  record LocalDirectory(Path path) implements RegistryLocation {
    public LocalDirectory {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
      return path.toString();
    }
  }
}
