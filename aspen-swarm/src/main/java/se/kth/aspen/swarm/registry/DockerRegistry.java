package se.kth.aspen.swarm.registry;

import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.ImageReference;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.Secret;

/**
 * {@link ImageRegistry} over the Docker Registry HTTP API v2: tag lists (all pages) and manifest
 * digests, with basic authentication and the bearer-token challenge.
 *
 * <p>Images without a registry host are looked up in the configured registry ({@code
 * DOCKER_REGISTRY_URL}), or Docker Hub when none is configured; images naming another host are
 * looked up there, without credentials. Each request waits at most the request timeout ({@code
 * REQUEST_TIMEOUT}) and never past the caller's deadline. Thread-safe; bearer tokens are shared
 * between calls until they expire.
 */
public final class DockerRegistry implements ImageRegistry {

  private final Optional<URI> configured;
  private final Optional<RegistryCredentials> credentials;
  private final TagLister tagLister;
  private final DigestChecker digestChecker;

  private DockerRegistry(
      Optional<URI> configured, Optional<RegistryCredentials> credentials, RegistryHttp http, InstantSource clock) {
    this.configured = configured;
    this.credentials = credentials;
    RegistryTransport transport = new RegistryTransport(http, clock, configured, credentials);
    this.tagLister = new TagLister(transport);
    this.digestChecker = new DigestChecker(transport);
  }

  /**
   * A client for the configured registry (which gets the credentials) and any other registry an
   * image names (asked anonymously).
   *
   * @param registryUrl {@code DOCKER_REGISTRY_URL}, e.g. {@code https://registry.example.com};
   *     empty to use Docker Hub for images without a host
   * @param user {@code DOCKER_REGISTRY_USER}; present exactly when {@code password} is
   * @param password {@code DOCKER_REGISTRY_PWD}
   * @param requestTimeout {@code REQUEST_TIMEOUT}: the longest wait for one HTTP request
   * @throws IllegalArgumentException naming the setting that is unusable
   */
  public static DockerRegistry create(
      Optional<URI> registryUrl, Optional<String> user, Optional<Secret> password, Duration requestTimeout) {
    return create(registryUrl, user, password, requestTimeout, InstantSource.system());
  }

  static DockerRegistry create(
      Optional<URI> registryUrl,
      Optional<String> user,
      Optional<Secret> password,
      Duration requestTimeout,
      InstantSource clock) {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Optional<URI> configured = registryUrl.map(DockerRegistry::checkedUrl);
    if (user.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException(
          "DOCKER_REGISTRY_USER and DOCKER_REGISTRY_PWD must be set together (only "
              + (user.isPresent() ? "the user" : "the password") + " is)");
    }
    if (user.isPresent() && configured.isEmpty()) {
      throw new IllegalArgumentException(
          "registry credentials are only sent to DOCKER_REGISTRY_URL, which is not set");
    }
    Optional<RegistryCredentials> credentials =
        user.map(name -> new RegistryCredentials(name, password.orElseThrow()));
    return new DockerRegistry(configured, credentials, new RegistryHttp(requestTimeout), clock);
  }

  private static URI checkedUrl(URI url) {
    String text = url.toString().replaceAll("/+$", "");
    URI uri = URI.create(text.contains("://") ? text : "https://" + text);
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "DOCKER_REGISTRY_URL \"" + url + "\" is not http(s)://host[:port] (without user, query or fragment)");
    }
    return uri;
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
      return RegistryLocation.of(image, configured);
    } catch (IllegalArgumentException e) {
      throw new RefusedException(attempt + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "DockerRegistry[" + configured.map(URI::toString).orElse("Docker Hub")
        + credentials.map(c -> ", user " + c.user()).orElse("") + "]";
  }
}
