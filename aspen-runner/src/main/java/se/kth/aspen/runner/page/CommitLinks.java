package se.kth.aspen.runner.page;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a forge shows a commit of the registry, for the hosted forges whose web address follows
 * from the clone URL alone. Credentials in the URL are never kept; a self-hosted forge gets no
 * link (its web address cannot be told from a clone URL).
 *
 * @param repository the repository's web address, {@code https://host/owner/name}
 * @param commitPath what goes between the repository and the revision
 */
public record CommitLinks(String repository, String commitPath) {

  private static final Map<String, String> HOSTED = Map.of(
      "github.com", "/commit/", "gitlab.com", "/-/commit/", "bitbucket.org", "/commits/", "codeberg.org", "/commit/");
  private static final Pattern SCP_LIKE = Pattern.compile("^[^@/]+@([^:/]+):(.+)$");
  private static final Pattern REVISION = Pattern.compile("^[0-9a-f]{7,64}$");
  private static final Pattern SAFE_PATH = Pattern.compile("^[A-Za-z0-9._~/-]+$");

  /** The links for a registry cloned from {@code remoteUrl}, when it is on a known hosted forge. */
  public static Optional<CommitLinks> of(String remoteUrl) {
    String host;
    String path;
    Matcher scp = SCP_LIKE.matcher(remoteUrl);
    if (scp.matches() && !remoteUrl.contains("://")) {
      host = scp.group(1);
      path = scp.group(2);
    } else {
      try {
        URI uri = new URI(remoteUrl);
        if (uri.getHost() == null || uri.getRawPath() == null) {
          return Optional.empty();
        }
        host = uri.getHost();
        path = uri.getRawPath();
      } catch (java.net.URISyntaxException e) {
        return Optional.empty();
      }
    }
    String commitPath = HOSTED.get(host.toLowerCase(Locale.ROOT));
    path = path.replaceAll("^/+", "").replaceAll("\\.git/?$", "").replaceAll("/+$", "");
    if (commitPath == null || path.isEmpty() || !SAFE_PATH.matcher(path).matches() || path.contains("..")) {
      return Optional.empty();
    }
    return Optional.of(new CommitLinks("https://" + host.toLowerCase(Locale.ROOT) + "/" + path, commitPath));
  }

  /** The commit's page; empty for anything but a hexadecimal revision. */
  public Optional<String> url(String revision) {
    return REVISION.matcher(revision).matches() ? Optional.of(repository + commitPath + revision) : Optional.empty();
  }
}
