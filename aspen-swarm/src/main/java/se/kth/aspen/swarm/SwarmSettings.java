package se.kth.aspen.swarm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.port.Secret;

/**
 * How {@link SwarmOrchestrator} talks to engines and registries.
 *
 * @param registryLogins credentials by registry host ({@code 127.0.0.1:5000}), sent as {@code
 *     X-Registry-Auth} for images of that registry, as {@code --with-registry-auth} does
 * @param certPath {@code DOCKER_CERT_PATH}: the directory holding {@code ca.pem}, {@code cert.pem}
 *     and {@code key.pem} for TLS endpoints; empty when no endpoint needs TLS
 * @param connectTimeout how long to wait for a connection to an engine
 * @param responseTimeout how long one engine call may take
 * @param pruneByDefault the default of {@code DeployRequest.prune} for callers that build
 *     requests from configuration ({@code PRUNE} off unless set)
 * @param configRotation whether file-based secrets and configs are named by their content ({@code
 *     <stack>_<key>_<digest>}), so that changed content deploys as a new object; off, they get the
 *     CLI's names and changed content is refused, as {@code docker stack deploy} refuses it
 */
public record SwarmSettings(
    Map<String, RegistryLogin> registryLogins,
    Optional<Path> certPath,
    Duration connectTimeout,
    Duration responseTimeout,
    boolean pruneByDefault,
    boolean configRotation) {

  public SwarmSettings {
    registryLogins = Map.copyOf(registryLogins);
    Objects.requireNonNull(certPath, "certPath");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
    }
    if (responseTimeout.isNegative() || responseTimeout.isZero()) {
      throw new IllegalArgumentException("responseTimeout must be positive, got " + responseTimeout);
    }
  }

  /** No registry credentials, no TLS, 5 s to connect, 60 s per call, no prune, secrets and configs rotated. */
  public static SwarmSettings defaults() {
    return new SwarmSettings(Map.of(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(60), false, true);
  }

  public SwarmSettings withRegistryLogins(Map<String, RegistryLogin> logins) {
    return new SwarmSettings(logins, certPath, connectTimeout, responseTimeout, pruneByDefault, configRotation);
  }

  public SwarmSettings withCertPath(Path path) {
    return new SwarmSettings(registryLogins, Optional.of(path), connectTimeout, responseTimeout, pruneByDefault, configRotation);
  }

  public SwarmSettings withConfigRotation(boolean rotate) {
    return new SwarmSettings(registryLogins, certPath, connectTimeout, responseTimeout, pruneByDefault, rotate);
  }

  /** A registry user and password; {@code toString} hides the password. */
  public record RegistryLogin(String username, Secret password) {
    public RegistryLogin {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "RegistryLogin[" + username + "]";
    }
  }
}
