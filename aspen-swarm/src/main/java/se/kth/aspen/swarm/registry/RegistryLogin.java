package se.kth.aspen.swarm.registry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import se.kth.aspen.core.port.Secret;

/**
 * A user and password for one registry: the only credential type of this module, used for tag
 * and digest lookups and for the engine's {@code X-Registry-Auth} at deploy. {@code toString}
 * shows the user only.
 */
public record RegistryLogin(String user, Secret password) {

  public RegistryLogin {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (user.isBlank()) {
      throw new IllegalArgumentException("the registry user is blank");
    }
    if (user.contains(":")) {
      throw new IllegalArgumentException(
          "the registry user \"" + user + "\" contains ':', which basic authentication cannot carry");
    }
  }

  /** The value of an {@code Authorization} header. */
  String basicAuthorization() {
    byte[] userPart = (user + ":").getBytes(StandardCharsets.UTF_8);
    byte[] secret = password.bytes();
    byte[] joined = new byte[userPart.length + secret.length];
    System.arraycopy(userPart, 0, joined, 0, userPart.length);
    System.arraycopy(secret, 0, joined, userPart.length, secret.length);
    Arrays.fill(secret, (byte) 0);
    String header = "Basic " + Base64.getEncoder().encodeToString(joined);
    Arrays.fill(joined, (byte) 0);
    return header;
  }

  @Override
  public String toString() {
    return "RegistryLogin[user=" + user + ", password=hidden]";
  }
}
