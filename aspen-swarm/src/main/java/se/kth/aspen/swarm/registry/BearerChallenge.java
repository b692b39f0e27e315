package se.kth.aspen.swarm.registry;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry's {@code WWW-Authenticate: Bearer realm=...,service=...,scope=...} challenge: where
 * to get a token, for which service and scope.
 */
record BearerChallenge(URI realm, Optional<String> service, Optional<String> scope) {

  BearerChallenge {
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(scope, "scope");
  }

  /**
   * The bearer challenge among a response's {@code WWW-Authenticate} values, if there is one.
   *
   * @throws IllegalArgumentException naming the header when a bearer challenge has no usable
   *     realm
   */
  static Optional<BearerChallenge> find(List<String> headerValues) {
    for (String value : headerValues) {
      String trimmed = value.strip();
      if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Optional.of(parse(trimmed.substring(7)));
      }
    }
    return Optional.empty();
  }

  private static BearerChallenge parse(String parameters) {
    Map<String, String> values = parameters(parameters);
    String realm = values.get("realm");
    if (realm == null || realm.isBlank()) {
      throw new IllegalArgumentException("bearer challenge \"" + parameters + "\" names no realm");
    }
    URI uri;
    try {
      uri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bearer challenge realm \"" + realm + "\" is not a URL", e);
    }
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("bearer challenge realm \"" + realm + "\" is not an http(s) URL");
    }
    return new BearerChallenge(
        uri, Optional.ofNullable(values.get("service")), Optional.ofNullable(values.get("scope")));
  }

  /** {@code key=value} and {@code key="quoted, value"} pairs separated by commas (RFC 7235). */
  private static Map<String, String> parameters(String text) {
    Map<String, String> values = new HashMap<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
        i++;
      }
      int equals = text.indexOf('=', i);
      if (equals < 0) {
        break;
      }
      String key = text.substring(i, equals).strip().toLowerCase(Locale.ROOT);
      i = equals + 1;
      StringBuilder value = new StringBuilder();
      if (i < n && text.charAt(i) == '"') {
        i++;
        while (i < n && text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          value.append(text.charAt(i++));
        }
        i++;
      } else {
        while (i < n && text.charAt(i) != ',') {
          value.append(text.charAt(i++));
        }
      }
      values.putIfAbsent(key, value.toString().strip());
    }
    return values;
  }
}
