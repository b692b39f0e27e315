package se.kth.aspen.swarm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.swarm.registry.Registries;

/**
 * How {@link SwarmOrchestrator} talks to engines and registries.
 *
 * @param registries the known registries: the login of an image's registry is sent as {@code
 *     X-Registry-Auth} with the calls that make the engine pull it, as {@code
 *     --with-registry-auth} does
 * @param certPath {@code DOCKER_CERT_PATH}: the directory holding {@code ca.pem}, {@code cert.pem}
 *     and {@code key.pem} for TLS endpoints; empty when no endpoint needs TLS
 * @param connectTimeout how long to wait for a connection to an engine
 * @param responseTimeout how long one engine call may take
 * @param configRotation whether file-based secrets and configs are named by their content ({@code
 *     <stack>_<key>_<digest>}), so that changed content deploys as a new object; off, they get the
 *     CLI's names and changed content is refused, as {@code docker stack deploy} refuses it
 */
public record SwarmSettings(
    Registries registries,
    Optional<Path> certPath,
    Duration connectTimeout,
    Duration responseTimeout,
    boolean configRotation) {

  public SwarmSettings {
    Objects.requireNonNull(registries, "registries");
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

  /** No registry logins, no TLS, 5 s to connect, 60 s per call, secrets and configs rotated. */
  public static SwarmSettings defaults() {
    return new SwarmSettings(Registries.none(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(60), true);
  }

  public SwarmSettings withRegistries(Registries known) {
    return new SwarmSettings(known, certPath, connectTimeout, responseTimeout, configRotation);
  }

  public SwarmSettings withCertPath(Path path) {
    return new SwarmSettings(registries, Optional.of(path), connectTimeout, responseTimeout, configRotation);
  }

  public SwarmSettings withConfigRotation(boolean rotate) {
    return new SwarmSettings(registries, certPath, connectTimeout, responseTimeout, rotate);
  }
}
