package se.kth.aspen.swarm.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import se.kth.aspen.core.image.ImageReference;

/**
 * Where the v2 API of an image's repository answers, and the repository's name there.
 *
 * <p>The mapping (documented in {@code aspen-swarm/REGISTRY.md}):
 *
 * <ul>
 *   <li>no registry host in the image: the primary registry ({@code DOCKER_REGISTRY_URL}), as
 *       the Python tool did for every image; without one, Docker Hub;
 *   <li>a host one of the {@link Registries} serves: that registry's URL (its scheme, its tag
 *       listing);
 *   <li>Docker Hub's names ({@code docker.io}, {@code index.docker.io},
 *       {@code registry-1.docker.io}): Docker Hub, official images under {@code library/};
 *   <li>any other host: that host over HTTPS, or plain HTTP for loopback hosts (which Docker
 *       also treats as insecure registries).
 * </ul>
 *
 * @param base the registry's root URL, without a trailing slash
 * @param repository the repository's name in the registry's API
 * @param listing how the registry lists tags
 */
record RegistryLocation(URI base, String repository, KnownRegistry.TagListing listing) {

  static final URI DOCKER_HUB = URI.create("https://registry-1.docker.io");
  private static final Set<String> DOCKER_HUB_HOSTS =
      Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

  RegistryLocation {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(listing, "listing");
  }

  /**
   * Where to ask about the image.
   *
   * @throws IllegalArgumentException naming the image when its registry part is not a host[:port]
   */
  static RegistryLocation of(ImageReference image, Registries registries) {
    Optional<String> host = image.registry();
    if (host.isEmpty()) {
      URI base = registries.primary().map(KnownRegistry::base).orElse(DOCKER_HUB);
      KnownRegistry.TagListing listing = registries.primary().map(KnownRegistry::listing).orElse(KnownRegistry.TagListing.V2);
      return new RegistryLocation(base, isDockerHub(base) ? officialName(image.repository()) : image.repository(), listing);
    }
    String authority = host.get().toLowerCase(Locale.ROOT);
    if (DOCKER_HUB_HOSTS.contains(authority)) {
      return new RegistryLocation(DOCKER_HUB, officialName(image.repository()), KnownRegistry.TagListing.V2);
    }
    Optional<KnownRegistry> known = registries.serving(authority);
    if (known.isPresent()) {
      return new RegistryLocation(known.get().base(), image.repository(), known.get().listing());
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
    return new RegistryLocation(base, image.repository(), KnownRegistry.TagListing.V2);
  }

  /** The registry as messages name it: its host and port. */
  String registryName() {
    return base.getRawAuthority();
  }

  /** The registry's v2 URL for a path under the repository, e.g. {@code tags/list}. */
  URI resolve(String pathAndQuery) {
    return URI.create(base + "/v2/" + repository + "/" + pathAndQuery);
  }

  /** The first page of the repository's tags, in the registry's own listing. */
  URI firstTagPage(int pageSize) {
    return switch (listing) {
      case V2 -> resolve("tags/list?n=" + pageSize);
      case ACR -> URI.create(base + "/acr/v1/" + repository + "/_tags?n=" + pageSize);
    };
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

  static boolean isDockerHubHost(String authority) {
    return DOCKER_HUB_HOSTS.contains(authority);
  }

  static boolean isLoopback(String authority) {
    String host = authority.startsWith("[")
        ? authority.substring(0, authority.indexOf(']') + 1)
        : authority.split(":", 2)[0];
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }
}
