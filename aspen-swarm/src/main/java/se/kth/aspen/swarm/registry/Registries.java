package se.kth.aspen.swarm.registry;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The registries Aspen knows, each with its own login: the one for images without a host
 * ({@code DOCKER_REGISTRY_URL}), Azure Container Registries ({@code AZURE_REGISTRY_URL}), and
 * any other from a Docker client {@code config.json}. An image is matched to a registry by the
 * host (and port) it names; a login is only ever sent to its own registry.
 *
 * <p>Immutable; each {@code with...} returns a new value. A registry given by {@code withPrimary}
 * or {@code withAzure} wins over a {@code config.json} entry for the same host, whatever the
 * order of the calls.
 */
public final class Registries {

  private final Optional<KnownRegistry> primary;
  private final List<KnownRegistry> named;
  private final List<KnownRegistry> fromFiles;

  private Registries(Optional<KnownRegistry> primary, List<KnownRegistry> named, List<KnownRegistry> fromFiles) {
    this.primary = primary;
    this.named = List.copyOf(named);
    this.fromFiles = List.copyOf(fromFiles);
  }

  /** No registry known: every image is asked at the host it names (Docker Hub without one), anonymously. */
  public static Registries none() {
    return new Registries(Optional.empty(), List.of(), List.of());
  }

  /**
   * The registry of images written without a host ({@code DOCKER_REGISTRY_URL}, with {@code
   * DOCKER_REGISTRY_USER} and {@code DOCKER_REGISTRY_PWD}), as the Python tool looked every tag
   * up there; images naming its host use it too. Replaces an earlier primary registry.
   *
   * @param url {@code https://host[:port]}; a bare host is taken as HTTPS
   * @throws IllegalArgumentException naming {@code DOCKER_REGISTRY_URL} when the URL is unusable
   */
  public Registries withPrimary(URI url, Optional<RegistryLogin> login) {
    Objects.requireNonNull(login, "login");
    KnownRegistry registry = new KnownRegistry(
        KnownRegistry.baseUrl("DOCKER_REGISTRY_URL", url.toString()), login, KnownRegistry.TagListing.V2, "DOCKER_REGISTRY_URL");
    return new Registries(Optional.of(registry), named, fromFiles);
  }

  /**
   * An Azure Container Registry ({@code AZURE_REGISTRY_URL}, {@code AZURE_REGISTRY_USER},
   * {@code AZURE_REGISTRY_PWD}): images naming its host list their tags with ACR's {@code
   * /acr/v1/<name>/_tags}, as the Python tool did; digests come from the v2 API.
   *
   * @throws IllegalArgumentException naming {@code AZURE_REGISTRY_URL} when the URL is unusable
   */
  public Registries withAzure(URI url, RegistryLogin login) {
    Objects.requireNonNull(login, "login");
    KnownRegistry registry = new KnownRegistry(
        KnownRegistry.baseUrl("AZURE_REGISTRY_URL", url.toString()), Optional.of(login), KnownRegistry.TagListing.ACR,
        "AZURE_REGISTRY_URL");
    List<KnownRegistry> more = new ArrayList<>(named);
    more.add(registry);
    return new Registries(primary, more, fromFiles);
  }

  /**
   * The logins of a Docker client configuration file's {@code auths} map ({@code
   * $DOCKER_CONFIG/config.json}); entries without a password (credential helpers, identity
   * tokens) are skipped.
   *
   * @throws IllegalArgumentException naming the file and entry when it cannot be used
   */
  public Registries withDockerConfig(Path configJson) {
    List<KnownRegistry> more = new ArrayList<>(fromFiles);
    more.addAll(DockerConfigFile.read(configJson));
    return new Registries(primary, named, more);
  }

  /**
   * The login for pulls of images whose registry part is {@code host} ({@code 127.0.0.1:5000},
   * {@code docker.io} for images without one), for the engine's {@code X-Registry-Auth}.
   */
  public Optional<RegistryLogin> loginFor(String host) {
    String authority = host.toLowerCase(Locale.ROOT);
    if (RegistryLocation.isDockerHubHost(authority)) {
      return all().filter(r -> RegistryLocation.isDockerHub(r.base())).findFirst().flatMap(KnownRegistry::login);
    }
    return serving(authority).flatMap(KnownRegistry::login);
  }

  /** The registry of images without a host, if one is configured. */
  Optional<KnownRegistry> primary() {
    return primary;
  }

  /** The known registry holding images whose registry part is {@code authority} (lower case). */
  Optional<KnownRegistry> serving(String authority) {
    return all().filter(r -> r.serves(authority)).findFirst();
  }

  /** The login to send with a request to {@code uri}: only that of the registry it is addressed to. */
  Optional<RegistryLogin> loginForRequest(URI uri) {
    return all().filter(r -> r.receives(uri)).findFirst().flatMap(KnownRegistry::login);
  }

  /** Every known registry in the order they are matched: primary, named, then from files. */
  private Stream<KnownRegistry> all() {
    return Stream.of(primary.stream(), named.stream(), fromFiles.stream()).flatMap(s -> s);
  }

  @Override
  public String toString() {
    List<String> parts = all().map(KnownRegistry::toString).toList();
    return "Registries" + (parts.isEmpty() ? "[none]" : parts.toString());
  }
}
