package se.kth.aspen.swarm.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a connection goes: scheme, host and port of a request URL (the port filled in from the
 * scheme when the URL has none). Connections are kept alive and reused per origin only, so a
 * connection never carries one registry's requests to another.
 *
 * @param host the host name or address, IPv6 addresses without their brackets
 */
record Origin(String scheme, String host, int port) {

  Origin {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("only http and https are spoken, not " + scheme);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("the URL has no host");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is out of range");
    }
  }

  /**
   * The origin of a URL.
   *
   * @throws IllegalArgumentException when the URL is not http(s) or has no host
   */
  static Origin of(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return new Origin(scheme, host, port);
  }

  boolean secure() {
    return scheme.equals("https");
  }

  @Override
  public String toString() {
    return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
