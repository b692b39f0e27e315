package se.kth.aspen.swarm.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One registry Aspen was told about: where its API answers, its login if any, how it lists tags,
 * and which setting named it (for messages).
 *
 * @param base the registry's root URL, {@code scheme://host[:port]} without a trailing slash
 */
record KnownRegistry(URI base, Optional<RegistryLogin> login, TagListing listing, String origin) {

  /** How a registry lists a repository's tags. */
  enum TagListing {
    /** {@code GET /v2/<name>/tags/list}, the Docker Registry API. */
    V2,
    /** {@code GET /acr/v1/<name>/_tags}, Azure Container Registry's own listing, as the Python tool used it. */
    ACR
  }

  KnownRegistry {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(listing, "listing");
    Objects.requireNonNull(origin, "origin");
  }

  /**
   * A registry URL as a setting gives it: {@code https://host[:port]}, or a bare host[:port]
   * taken as HTTPS; a trailing slash is dropped.
   *
   * @throws IllegalArgumentException naming {@code setting} when the URL has a user, a query or
   *     a fragment, or is not HTTP(S)
   */
  static URI baseUrl(String setting, String url) {
    String text = url.strip().replaceAll("/+$", "");
    URI uri;
    try {
      uri = new URI(text.contains("://") ? text : "https://" + text);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(setting + " \"" + url + "\" is not http(s)://host[:port]", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          setting + " \"" + url + "\" is not http(s)://host[:port] (without user, query or fragment)");
    }
    return uri;
  }

  /** True when an image whose registry part is {@code authority} (lower case) is held here. */
  boolean serves(String authority) {
    String host = base.getHost().toLowerCase(Locale.ROOT);
    int port = base.getPort();
    if (authority.equals(host + (port < 0 ? "" : ":" + port))) {
      return true;
    }
    // An image written without the default port still names this registry, and the reverse.
    int defaultPort = defaultPort(base.getScheme());
    return (port < 0 && authority.equals(host + ":" + defaultPort))
        || (port == defaultPort && authority.equals(host));
  }

  /** True when a request to {@code uri} goes to this registry (same scheme, host and port). */
  boolean receives(URI uri) {
    return base.getScheme().equalsIgnoreCase(uri.getScheme())
        && base.getHost().equalsIgnoreCase(uri.getHost())
        && effectivePort(base) == effectivePort(uri);
  }

  private static int effectivePort(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
  }

  private static int defaultPort(String scheme) {
    return "http".equalsIgnoreCase(scheme) ? 80 : 443;
  }

  @Override
  public String toString() {
    return base + login.map(l -> " as " + l.user()).orElse("")
        + (listing == TagListing.ACR ? " (ACR tag listing)" : "") + " from " + origin;
  }
}
