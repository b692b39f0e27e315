package se.kth.aspen.redis;

import java.util.Optional;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.TargetKey;

/**
 * The Redis keys Aspen uses (README.md, "Key scheme"). Group, cluster and step are written with
 * {@code %} and {@code :} percent-encoded, so {@code :} always separates parts; the stack path
 * comes last and is written as it is.
 *
 * <pre>
 * aspen:&lt;group&gt;:target:&lt;cluster&gt;:&lt;stackPath&gt;          hash: good, failed
 * aspen:&lt;group&gt;:error:&lt;cluster&gt;:&lt;step&gt;:&lt;stackPath&gt;    string: when reported; expires
 * aspen:&lt;group&gt;:lease:&lt;cluster&gt;:&lt;stackPath&gt;           string: holder's token, since, runner; expires
 * </pre>
 */
final class KeyScheme {

  static final String GOOD = "good";
  static final String FAILED = "failed";

  private KeyScheme() {}

  static String target(TargetKey target) {
    return targetsOfCluster(target.group(), target.cluster()) + target.stackPath();
  }

  static String lease(TargetKey target) {
    return prefix(target.group()) + "lease:" + part(target.cluster()) + ":" + target.stackPath();
  }

  static String error(ErrorMark mark) {
    return errorsOfCluster(mark.target().group(), mark.target().cluster()) + part(mark.step()) + ":" + mark.target().stackPath();
  }

  /** The start every target key of the group's cluster shares. */
  static String targetsOfCluster(String group, String cluster) {
    return prefix(group) + "target:" + part(cluster) + ":";
  }

  static String targetsOfGroup(String group) {
    return prefix(group) + "target:";
  }

  static String errorsOfCluster(String group, String cluster) {
    return prefix(group) + "error:" + part(cluster) + ":";
  }

  /** The stack path of an error key found by a scan of {@link #errorsOfCluster}, if well formed. */
  static Optional<String> stackPathOfError(String group, String cluster, String key) {
    String start = errorsOfCluster(group, cluster);
    if (!key.startsWith(start)) {
      return Optional.empty();
    }
    int colon = key.indexOf(':', start.length());
    return colon < 0 ? Optional.empty() : Optional.of(key.substring(colon + 1));
  }

  /** A SCAN MATCH pattern for every key starting with {@code start}. */
  static String startingWith(String start) {
    StringBuilder glob = new StringBuilder(start.length() + 8);
    for (char c : start.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        glob.append('\\');
      }
      glob.append(c);
    }
    return glob.append('*').toString();
  }

  private static String prefix(String group) {
    return "aspen:" + part(group) + ":";
  }

  private static String part(String value) {
    return value.replace("%", "%25").replace(":", "%3A");
  }
}
