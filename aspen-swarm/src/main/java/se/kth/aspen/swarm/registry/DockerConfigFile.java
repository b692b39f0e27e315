package se.kth.aspen.swarm.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.kth.aspen.core.port.Secret;

/**
 * The {@code auths} map of a Docker client {@code config.json}, as {@code docker login} writes
 * it: one entry per registry, keyed by its host (or a URL), each with {@code auth} (base64 of
 * {@code user:password}) or the older {@code username} and {@code password} fields.
 *
 * <p>Entries without a password (an {@code identitytoken}, or nothing because a credential
 * helper holds it) are skipped: Aspen runs no credential helper. Docker Hub's key
 * ({@code https://index.docker.io/v1/}) names Docker Hub.
 */
final class DockerConfigFile {

  /** Far above any real client configuration. */
  private static final int MAX_BYTES = 1024 * 1024;
  private static final Set<String> DOCKER_HUB_HOSTS = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

  private DockerConfigFile() {}

  /**
   * The registries with a login in the file.
   *
   * @throws IllegalArgumentException naming the file (and the entry) when it cannot be read,
   *     is not JSON, or an entry's login cannot be decoded
   */
  static List<KnownRegistry> read(Path file) {
    JsonNode root = parse(file);
    JsonNode auths = root.path("auths");
    if (auths.isMissingNode() || auths.isNull()) {
      return List.of();
    }
    if (!auths.isObject()) {
      throw new IllegalArgumentException(file + ": \"auths\" is not an object");
    }
    List<KnownRegistry> registries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String where = file + ": auths entry \"" + entry.getKey() + "\"";
      Optional<RegistryLogin> login = login(where, entry.getValue());
      if (login.isPresent()) {
        registries.add(new KnownRegistry(base(where, entry.getKey()), login, KnownRegistry.TagListing.V2, file.toString()));
      }
    }
    return List.copyOf(registries);
  }

  private static JsonNode parse(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IllegalArgumentException(file + " is larger than " + MAX_BYTES + " bytes; it is not a Docker client configuration");
      }
      JsonNode root = RegistryAnswer.JSON.readTree(bytes);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(file + " is not a JSON object");
      }
      return root;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")", e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(file + " does not exist", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static Optional<RegistryLogin> login(String where, JsonNode entry) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException(where + " is not an object");
    }
    String auth = entry.path("auth").asText("");
    if (!auth.isBlank()) {
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(auth.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": \"auth\" is not base64", e);
      }
      String text = new String(decoded, StandardCharsets.UTF_8);
      java.util.Arrays.fill(decoded, (byte) 0);
      int colon = text.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(where + ": \"auth\" is not base64 of user:password");
      }
      return Optional.of(new RegistryLogin(text.substring(0, colon), Secret.of(text.substring(colon + 1))));
    }
    String user = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    if (!user.isBlank() && !password.isEmpty()) {
      return Optional.of(new RegistryLogin(user, Secret.of(password)));
    }
    return Optional.empty();
  }

  /** {@code host[:port]}, {@code https://host[:port]/v1/} and the like, as the registry's root URL. */
  private static URI base(String where, String key) {
    String text = key.strip();
    String scheme = null;
    int schemeEnd = text.indexOf("://");
    if (schemeEnd >= 0) {
      scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      text = text.substring(schemeEnd + 3);
    }
    int slash = text.indexOf('/');
    String authority = (slash >= 0 ? text.substring(0, slash) : text).toLowerCase(Locale.ROOT);
    if (DOCKER_HUB_HOSTS.contains(authority)) {
      return RegistryLocation.DOCKER_HUB;
    }
    if (scheme == null) {
      scheme = RegistryLocation.isLoopback(authority) ? "http" : "https";
    }
    return KnownRegistry.baseUrl(where, scheme + "://" + authority);
  }
}
