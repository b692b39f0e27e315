package se.kth.aspen.git;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.kth.aspen.core.port.Secret;

/**
 * A registry repository URL split into what git is told (never a credential) and what a person
 * may see (credentials replaced by {@code ***}).
 *
 * <p>Credentials in an https URL's user info are taken out here so that they reach JGit only
 * through a credentials provider: they are then never written to the clone's {@code .git/config}
 * nor quoted in one of JGit's messages.
 *
 * @param kind how the remote is reached
 * @param gitUrl the URL given to JGit and stored as the clone's remote: no credentials
 * @param display the URL for messages and logs: no credentials
 * @param user the https user from the URL's user info, if any
 * @param password the https password or token from the URL's user info, if any
 */
record RemoteUrl(
    Kind kind, String gitUrl, String display, Optional<String> user, Optional<Secret> password) {

  enum Kind {
    HTTPS,
    HTTP,
    SSH,
    FILE
  }

  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://");
  // user@host:path, as scp and git write it; the host must not hold a slash, the path must not
  // start with one of "//" (that would be a scheme-less URL).
  private static final Pattern SCP_LIKE = Pattern.compile("^(?:([^@/:\\s]+)@)?([^@/:\\s]+):(?!//)(\\S+)$");
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]*@");

  RemoteUrl {
    user = user.filter(u -> !u.isEmpty());
  }

  /**
   * Reads a URL as configured in {@code REGISTRY_REPOSITORY_URL}.
   *
   * @throws IllegalArgumentException naming the problem and the URL with its credentials hidden
   */
  static RemoteUrl parse(String url) {
    String text = url == null ? "" : url.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("the registry repository URL is empty");
    }
    Matcher scheme = SCHEME.matcher(text);
    if (scheme.find()) {
      String name = scheme.group(1).toLowerCase(java.util.Locale.ROOT);
      return switch (name) {
        case "https" -> http(text, Kind.HTTPS);
        case "http" -> http(text, Kind.HTTP);
        case "ssh", "git+ssh", "ssh+git" -> ssh(text);
        case "file" -> file(text);
        default ->
            throw new IllegalArgumentException(
                "the registry repository URL "
                    + redact(text)
                    + " uses '"
                    + name
                    + "://', which is not supported: use https://, ssh://, user@host:path or file://");
      };
    }
    Matcher scp = SCP_LIKE.matcher(text);
    if (scp.matches()) {
      return new RemoteUrl(Kind.SSH, text, text, Optional.empty(), Optional.empty());
    }
    throw new IllegalArgumentException(
        "the registry repository URL "
            + redact(text)
            + " is neither an https://, ssh://, file:// URL nor of the form user@host:path");
  }

  static boolean looksLikeUrl(String text) {
    return SCHEME.matcher(text).find() || SCP_LIKE.matcher(text).matches();
  }

  /** The text with every {@code user:password@} after a scheme replaced by {@code ***@}. */
  static String redact(String text) {
    return USER_INFO.matcher(text).replaceAll("***@");
  }

  /** The text with this URL's credentials, wherever they appear, replaced by {@code ***}. */
  String scrub(String text) {
    if (text == null) {
      return "";
    }
    String result = redact(text);
    List<String> secrets = new ArrayList<>();
    password.ifPresent(p -> secrets.add(p.text()));
    // A token is often given as the user alone (https://TOKEN@host/...): hide users too.
    user.ifPresent(secrets::add);
    for (String secret : secrets) {
      if (secret.length() >= 3) {
        result = result.replace(secret, "***");
      }
    }
    return result;
  }

  private static RemoteUrl http(String text, Kind kind) {
    URI uri = uri(text);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "the registry repository URL " + redact(text) + " names no host");
    }
    Optional<String> user = Optional.empty();
    Optional<Secret> password = Optional.empty();
    String rawUserInfo = uri.getRawUserInfo();
    if (rawUserInfo != null) {
      int colon = rawUserInfo.indexOf(':');
      String rawUser = colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon);
      user = Optional.of(decode(rawUser));
      if (colon >= 0) {
        password = Optional.of(Secret.of(decode(rawUserInfo.substring(colon + 1))));
      }
    }
    StringBuilder git = new StringBuilder(uri.getScheme()).append("://").append(uri.getRawAuthority());
    if (rawUserInfo != null) {
      git.delete(uri.getScheme().length() + 3, uri.getScheme().length() + 3 + rawUserInfo.length() + 1);
    }
    if (uri.getRawPath() != null) {
      git.append(uri.getRawPath());
    }
    if (uri.getRawQuery() != null) {
      git.append('?').append(uri.getRawQuery());
    }
    String gitUrl = git.toString();
    String display = rawUserInfo == null ? gitUrl : gitUrl.replaceFirst("://", "://***@");
    return new RemoteUrl(kind, gitUrl, display, user, password);
  }

  private static RemoteUrl ssh(String text) {
    URI uri = uri(text);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "the registry repository URL " + redact(text) + " names no host");
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && userInfo.contains(":")) {
      throw new IllegalArgumentException(
          "the registry repository URL "
              + redact(text)
              + " holds an ssh password, which is not supported: authenticate with a private key");
    }
    return new RemoteUrl(Kind.SSH, text, text, Optional.empty(), Optional.empty());
  }

  private static RemoteUrl file(String text) {
    URI uri = uri(text);
    boolean localHost = uri.getHost() == null || uri.getHost().equals("localhost");
    if (!localHost || uri.getPath() == null || !uri.getPath().startsWith("/")) {
      throw new IllegalArgumentException(
          "the registry repository URL " + redact(text) + " must name an absolute path (file:///...)");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "the registry repository URL " + redact(text) + " must not hold credentials");
    }
    return new RemoteUrl(Kind.FILE, text, text, Optional.empty(), Optional.empty());
  }

  private static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "the registry repository URL " + redact(text) + " is not a valid URL: " + redact(e.getReason()));
    }
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return display;
  }
}
