package se.kth.aspen.swarm.registry;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code rel="next"} target of RFC 8288 {@code Link} headers, resolved against the page's URL. */
final class NextPageLink {

  private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
  private static final Pattern NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

  private NextPageLink() {}

  /**
   * The next page, if a header names one.
   *
   * @throws IllegalArgumentException naming the header when its target is not a URL
   */
  static Optional<URI> find(URI page, List<String> linkHeaders) {
    for (String header : linkHeaders) {
      Matcher link = LINK.matcher(header);
      while (link.find()) {
        Matcher rel = NEXT.matcher(link.group(2));
        while (rel.find()) {
          if (List.of(rel.group(1).strip().split("\\s+")).contains("next")) {
            return Optional.of(resolve(page, link.group(1).strip(), header));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static URI resolve(URI page, String target, String header) {
    URI next;
    try {
      next = page.resolve(URI.create(target));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Link header \"" + header + "\" has no usable URL", e);
    }
    if (!("http".equals(next.getScheme()) || "https".equals(next.getScheme())) || next.getHost() == null) {
      throw new IllegalArgumentException("Link header \"" + header + "\" has no usable URL");
    }
    return next;
  }
}
