package se.kth.aspen.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Redis is, read from {@code REDIS_URL}: {@code redis://[[user]:password@]host[:port][/db]},
 * {@code rediss://...} for TLS, or a bare {@code host[:port]} as the old tool accepted ({@code
 * redis} inside a stack). {@link #toString()} never shows the password.
 */
record RedisAddress(String host, int port, int database, boolean tls, Optional<String> user, Optional<String> password) {

  static final int DEFAULT_PORT = 6379;

  RedisAddress {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /**
   * Reads a {@code REDIS_URL}.
   *
   * @throws IllegalArgumentException saying what is wrong; the text is quoted only when it holds
   *     no password
   */
  static RedisAddress parse(String text) {
    Objects.requireNonNull(text, "REDIS_URL");
    String value = text.strip();
    String shown = value.contains("@") ? "(a URL with credentials, not shown)" : "\"" + value + "\"";
    if (value.isEmpty()) {
      throw new IllegalArgumentException("REDIS_URL is empty");
    }
    URI uri;
    try {
      uri = new URI(value.contains("://") ? value : "redis://" + value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("REDIS_URL " + shown + " is not a URL: " + e.getReason(), e);
    }
    String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new IllegalArgumentException("REDIS_URL " + shown + " must start with redis:// or rediss://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("REDIS_URL " + shown + " names no host");
    }
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    int database = database(uri.getPath(), shown);
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      String name = colon < 0 ? info : info.substring(0, colon);
      String secret = colon < 0 ? null : info.substring(colon + 1);
      user = name.isEmpty() ? Optional.empty() : Optional.of(decode(name));
      password = secret == null || secret.isEmpty() ? Optional.empty() : Optional.of(decode(secret));
      if (secret == null && user.isPresent()) {
        // redis://secret@host: the old convention puts a lone password where the user goes.
        password = user;
        user = Optional.empty();
      }
    }
    return new RedisAddress(uri.getHost(), port, database, scheme.equals("rediss"), user, password);
  }

  private static int database(String path, String shown) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return 0;
    }
    try {
      int db = Integer.parseInt(path.substring(1));
      if (db < 0) {
        throw new NumberFormatException();
      }
      return db;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("REDIS_URL " + shown + " has \"" + path + "\" where a database number goes", e);
    }
  }

  private static String decode(String part) {
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return (tls ? "rediss://" : "redis://") + host + ":" + port + (database == 0 ? "" : "/" + database);
  }
}
