package se.kth.aspen.swarm.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import se.kth.aspen.core.port.ImageReference;

/**
 * Where the v2 API of an image's repository answers, and the repository's name there.
 *
 * <p>The mapping (documented in {@code aspen-swarm/REGISTRY.md}):
 *
 * <ul>
 *   <li>no registry host in the image: the configured registry ({@code DOCKER_REGISTRY_URL}),
 *       as the Python tool did for every image; without one, Docker Hub;
 *   <li>a host equal to the configured registry's: the configured URL (its scheme, its
 *       credentials);
 *   <li>Docker Hub's names ({@code docker.io}, {@code index.docker.io},
 *       {@code registry-1.docker.io}): Docker Hub, official images under {@code library/};
 *   <li>any other host: that host over HTTPS, or plain HTTP for loopback hosts (which Docker
 *       also treats as insecure registries), never with the configured credentials.
 * </ul>
 *
 * @param base the registry's root URL, without a trailing slash
 * @param repository the repository's name in the v2 API
 */
record RegistryLocation(URI base, String repository) {

  static final URI DOCKER_HUB = URI.create("https://registry-1.docker.io");
  private static final Set<String> DOCKER_HUB_HOSTS =
      Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

  RegistryLocation {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(repository, "repository");
  }

  /**
   * Where to ask about the image.
   *
   * @throws IllegalArgumentException naming the image when its registry part is not a host[:port]
   */
  static RegistryLocation of(ImageReference image, Optional<URI> configured) {
    Optional<String> host = image.registry();
    if (host.isEmpty()) {
      URI base = configured.orElse(DOCKER_HUB);
      return new RegistryLocation(base, isDockerHub(base) ? officialName(image.repository()) : image.repository());
    }
    String authority = host.get().toLowerCase(Locale.ROOT);
    if (DOCKER_HUB_HOSTS.contains(authority)) {
      return new RegistryLocation(DOCKER_HUB, officialName(image.repository()));
    }
    if (configured.isPresent() && sameAuthority(configured.get(), authority)) {
      return new RegistryLocation(configured.get(), image.repository());
    }
    String scheme = isLoopback(authority) ? "http" : "https";
    URI base;
    try {
      base = new URI(scheme + "://" + authority);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("registry \"" + host.get() + "\" of image " + image + " is not a host[:port]", e);
    }
    if (base.getHost() == null || base.getRawPath().length() > 0 || base.getRawUserInfo() != null) {
      throw new IllegalArgumentException("registry \"" + host.get() + "\" of image " + image + " is not a host[:port]");
    }
    return new RegistryLocation(base, image.repository());
  }

  /** The registry as messages name it: its host and port. */
  String registryName() {
    return base.getRawAuthority();
  }

  /** The registry's v2 URL for a path under the repository, e.g. {@code tags/list}. */
  URI resolve(String pathAndQuery) {
    return URI.create(base + "/v2/" + repository + "/" + pathAndQuery);
  }

  /** The token scope a pull of this repository needs. */
  String pullScope() {
    return "repository:" + repository + ":pull";
  }

  static boolean isDockerHub(URI base) {
    return base.getHost() != null && DOCKER_HUB_HOSTS.contains(base.getHost().toLowerCase(Locale.ROOT));
  }

  private static String officialName(String repository) {
    return repository.contains("/") ? repository : "library/" + repository;
  }

  private static boolean sameAuthority(URI configured, String imageAuthority) {
    String host = configured.getHost().toLowerCase(Locale.ROOT);
    int port = configured.getPort();
    if (imageAuthority.equals(host + (port < 0 ? "" : ":" + port))) {
      return true;
    }
    // An image written without the default port still names the configured registry.
    int defaultPort = "http".equals(configured.getScheme()) ? 80 : 443;
    return (port < 0 && imageAuthority.equals(host + ":" + defaultPort))
        || (port == defaultPort && imageAuthority.equals(host));
  }

  private static boolean isLoopback(String authority) {
    String host = authority.startsWith("[")
        ? authority.substring(0, authority.indexOf(']') + 1)
        : authority.split(":", 2)[0];
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }
}
