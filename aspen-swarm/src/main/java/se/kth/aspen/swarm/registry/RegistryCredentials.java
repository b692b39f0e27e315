package se.kth.aspen.swarm.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import se.kth.aspen.core.port.Secret;

/** The user and password for the configured registry; the password never leaves this type. */
record RegistryCredentials(String user, Secret password) {

  RegistryCredentials {
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
    java.util.Arrays.fill(secret, (byte) 0);
    return "Basic " + Base64.getEncoder().encodeToString(joined);
  }

  @Override
  public String toString() {
    return "RegistryCredentials[user=" + user + ", password=hidden]";
  }
}
