package se.kth.aspen.swarm.registry;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;

/**
 * {@link ImageRegistry} over the Docker Registry HTTP API v2 (and Azure Container Registry's tag
 * listing): tag lists (all pages) and manifest digests, with basic authentication and the
 * bearer-token challenge.
 *
 * <p>Images without a registry host are looked up in the primary registry of the {@link
 * Registries} ({@code DOCKER_REGISTRY_URL}), or Docker Hub when there is none; images naming a
 * host are looked up there, with that registry's login when one is known. Each request waits at
 * most the request timeout ({@code REQUEST_TIMEOUT}) and never past the caller's deadline.
 * Thread-safe; bearer tokens are shared between calls until they expire.
 */
public final class DockerRegistry implements ImageRegistry {

  private final Registries registries;
  private final TagLister tagLister;
  private final DigestChecker digestChecker;

  private DockerRegistry(Registries registries, RegistryHttp http, InstantSource clock) {
    this.registries = registries;
    RegistryTransport transport = new RegistryTransport(http, clock, registries);
    this.tagLister = new TagLister(transport);
    this.digestChecker = new DigestChecker(transport);
  }

  /**
   * A client for the given registries (each gets its own login) and any other registry an image
   * names (asked anonymously).
   *
   * @param requestTimeout {@code REQUEST_TIMEOUT}: the longest wait for one HTTP request
   * @throws IllegalArgumentException when the timeout is not positive
   */
  public static DockerRegistry create(Registries registries, Duration requestTimeout) {
    return create(registries, requestTimeout, InstantSource.system());
  }

  static DockerRegistry create(Registries registries, Duration requestTimeout, InstantSource clock) {
    Objects.requireNonNull(registries, "registries");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    return create(registries, new RegistryHttp(requestTimeout), clock);
  }

  static DockerRegistry create(Registries registries, RegistryHttp http, InstantSource clock) {
    return new DockerRegistry(registries, http, clock);
  }

  @Override
  public List<String> tags(ImageReference repository, Deadline deadline) throws PortException {
    return tagLister.tags(repository, location("listing tags of " + repository.name(), repository), deadline);
  }

  @Override
  public String digest(ImageReference image, Deadline deadline) throws PortException {
    return digestChecker.digest(image, location("reading the manifest digest of " + image, image), deadline);
  }

  private RegistryLocation location(String attempt, ImageReference image) throws RefusedException {
    try {
      return RegistryLocation.of(image, registries);
    } catch (IllegalArgumentException e) {
      throw new RefusedException(attempt + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "DockerRegistry[" + registries + "]";
  }
}
