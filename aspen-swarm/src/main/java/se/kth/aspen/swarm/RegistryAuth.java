package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.swarm.registry.Registries;
import se.kth.aspen.swarm.registry.RegistryLogin;

/**
 * The {@code X-Registry-Auth} header {@code --with-registry-auth} sends: URL-safe, padded base64
 * of {@code {"username","password","serveraddress"}} for the image's registry host,
 * with the login the {@link Registries} know for that host.
 */
final class RegistryAuth {

  static final String HEADER = "X-Registry-Auth";
  private static final String DOCKER_HUB = "docker.io";

  private final Registries registries;

  RegistryAuth(Registries registries) {
    this.registries = registries;
  }

  /** The headers to send with a call that makes the engine pull {@code image}: none without a login. */
  Map<String, String> headersFor(ImageReference image) {
    return header(image).map(h -> Map.of(HEADER, h)).orElse(Map.of());
  }

  private Optional<String> header(ImageReference image) {
    String host = image.registry().orElse(DOCKER_HUB);
    Optional<RegistryLogin> login = registries.loginFor(host);
    if (login.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode auth = SpecValues.NODES.objectNode();
    auth.put("username", login.get().user());
    auth.put("password", login.get().password().text());
    auth.put("serveraddress", host);
    byte[] json = auth.toString().getBytes(StandardCharsets.UTF_8);
    return Optional.of(Base64.getUrlEncoder().encodeToString(json));
  }
}
