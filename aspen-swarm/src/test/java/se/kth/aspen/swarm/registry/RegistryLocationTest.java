package se.kth.aspen.swarm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.kth.aspen.core.image.ImageReference;

class RegistryLocationTest {

  private static Registries primary(String url) {
    return url == null ? Registries.none() : Registries.none().withPrimary(URI.create(url), Optional.empty());
  }

  @ParameterizedTest(name = "{0} with DOCKER_REGISTRY_URL={1} is listed at {2}")
  @CsvSource(nullValues = "none", value = {
      "127.0.0.1:5000/busybox:1.2.3,     http://127.0.0.1:5000,        http://127.0.0.1:5000/v2/busybox/tags/list",
      "app:${VERSION},                   https://registry.example.com, https://registry.example.com/v2/app/tags/list",
      "team/app,                         https://registry.example.com, https://registry.example.com/v2/team/app/tags/list",
      "busybox,                          none,                         https://registry-1.docker.io/v2/library/busybox/tags/list",
      "kthse/app,                        none,                         https://registry-1.docker.io/v2/kthse/app/tags/list",
      "busybox,                          https://registry-1.docker.io, https://registry-1.docker.io/v2/library/busybox/tags/list",
      "docker.io/busybox,                https://registry.example.com, https://registry-1.docker.io/v2/library/busybox/tags/list",
      "index.docker.io/kthse/app,        none,                         https://registry-1.docker.io/v2/kthse/app/tags/list",
      "registry.example.com/app,         https://registry.example.com, https://registry.example.com/v2/app/tags/list",
      "registry.example.com:443/app,     https://registry.example.com, https://registry.example.com/v2/app/tags/list",
      "registry.example.com/app,         https://registry.example.com:443, https://registry.example.com:443/v2/app/tags/list",
      "REGISTRY.example.com/app,         https://registry.example.com, https://registry.example.com/v2/app/tags/list",
      "other.example.com/team/app,       https://registry.example.com, https://other.example.com/v2/team/app/tags/list",
      "other.example.com:8443/app,       none,                         https://other.example.com:8443/v2/app/tags/list",
      "localhost:5001/app,               https://registry.example.com, http://localhost:5001/v2/app/tags/list",
      "127.0.0.1:5001/app,               http://127.0.0.1:5000,        http://127.0.0.1:5001/v2/app/tags/list",
      "registry.example.com/app,         http://registry.example.com:8080/prefix, https://registry.example.com/v2/app/tags/list",
  })
  void mapsImageNamesToTheirRegistry(String image, String configured, String expected) {
    ImageReference reference = ImageReference.parse(image.replace("${VERSION}", "1.0.0"));
    RegistryLocation location = RegistryLocation.of(reference, primary(configured));
    assertThat(location.resolve("tags/list")).isEqualTo(URI.create(expected));
  }

  @ParameterizedTest(name = "{0} is named {1} in messages")
  @CsvSource({
      "http://127.0.0.1:5000, 127.0.0.1:5000",
      "https://registry.example.com, registry.example.com",
  })
  void namesTheRegistryByHostAndPort(String configured, String expected) {
    RegistryLocation location = RegistryLocation.of(ImageReference.parse("app"), primary(configured));
    assertThat(location.registryName()).isEqualTo(expected);
    assertThat(location.pullScope()).isEqualTo("repository:app:pull");
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {"a:b:c/app:1.0.0", "host:port/app", "-bad.example/app"})
  void refusesARegistryPartThatIsNotAHostAndPort(String image) {
    ImageReference reference = ImageReference.parse(image);
    assertThatThrownBy(() -> RegistryLocation.of(reference, Registries.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("registry \"" + reference.registry().orElseThrow() + "\" of image " + reference + " is not a host[:port]");
  }
}
