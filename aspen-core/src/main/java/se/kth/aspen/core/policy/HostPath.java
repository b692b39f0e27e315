package se.kth.aspen.core.policy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A path on a node's file system as a bind names it, normalised the way the node reads it:
 * {@code /var/run/../run/docker.sock} is {@code /var/run/docker.sock}, so a detour cannot slip
 * past an allow-list. Links on the node are not known here; the allow-list names paths as the
 * operator means them.
 */
record HostPath(String path) {

  /** The normalised absolute path, or empty when {@code written} is not absolute. */
  static Optional<HostPath> of(String written) {
    if (!written.startsWith("/")) {
      return Optional.empty();
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String part : written.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return Optional.of(new HostPath("/" + String.join("/", parts)));
  }

  /** Whether {@code other} is this path or lies below it ({@code /var/log} covers {@code /var/log/app}). */
  boolean covers(HostPath other) {
    return path.equals("/") || other.path.equals(path) || other.path.startsWith(path + "/");
  }

  @Override
  public String toString() {
    return path;
  }
}
