package se.kth.aspen.forge;

import java.net.URI;
import java.util.Optional;

/** The host and repository path of a git remote URL: {@code https://host/a/b.git}, {@code ssh://git@host:22/a/b}, {@code git@host:a/b.git}. */
final class RemoteRepository {

  private RemoteRepository() {}

  static Optional<String> host(String remoteUrl) {
    return split(remoteUrl).map(parts -> parts[0]);
  }

  static Optional<String> path(String remoteUrl) {
    return split(remoteUrl).map(parts -> parts[1]).filter(p -> p.contains("/"));
  }

  /** {host, path} with the path's leading slash and trailing {@code .git} and slash removed. */
  private static Optional<String[]> split(String remoteUrl) {
    String url = remoteUrl.strip();
    String host;
    String path;
    if (url.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      if (uri.getHost() == null || uri.getPath() == null) {
        return Optional.empty();
      }
      host = uri.getHost();
      path = uri.getPath();
    } else if (url.matches("^[^/@:]+@[^:/]+:.+")) {
      host = url.substring(url.indexOf('@') + 1, url.indexOf(':'));
      path = url.substring(url.indexOf(':') + 1);
    } else {
      return Optional.empty();
    }
    path = path.replaceAll("^/+", "").replaceAll("/+$", "");
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    return path.isEmpty() ? Optional.empty() : Optional.of(new String[] {host.toLowerCase(java.util.Locale.ROOT), path});
  }
}
