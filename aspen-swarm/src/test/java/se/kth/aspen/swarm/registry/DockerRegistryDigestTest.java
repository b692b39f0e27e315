package se.kth.aspen.swarm.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RefusedException;

class DockerRegistryDigestTest {

  @RegisterExtension
  static WireMockExtension registry = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}";
  // sha256 of MANIFEST, as `printf %s "$MANIFEST" | sha256sum` gives it.
  private static final String MANIFEST_DIGEST =
      "sha256:dff9de10919148711140d349bf03f1a99eb06f94b03e51715ccebfa7cdc518e2";

  private DockerRegistry client() {
    return DockerRegistry.create(Registries.none().withPrimary(URI.create(registry.baseUrl()), Optional.empty()),
        Duration.ofSeconds(5));
  }

  private ImageReference image(String tag) {
    return ImageReference.parse("localhost:" + registry.getPort() + "/team/app:" + tag);
  }

  private String prefix(String reference) {
    return "reading the manifest digest of localhost:" + registry.getPort() + "/team/app:" + reference + ": ";
  }

  @Test
  void readsDockerContentDigestAskingForEveryManifestKind() throws Exception {
    registry.stubFor(head(urlPathEqualTo("/v2/team/app/manifests/1.2.3")).willReturn(aResponse().withStatus(200)
        .withHeader("Docker-Content-Digest", MANIFEST_DIGEST)));

    assertThat(client().digest(image("1.2.3"), Deadline.in(Duration.ofSeconds(5)))).isEqualTo(MANIFEST_DIGEST);
    registry.verify(headRequestedFor(urlPathEqualTo("/v2/team/app/manifests/1.2.3")).withHeader("Accept", equalTo(
        "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, "
            + "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")));
  }

  @Test
  void hashesTheManifestWhenTheRegistryGivesNoDigestHeader() throws Exception {
    registry.stubFor(head(urlPathEqualTo("/v2/team/app/manifests/1.2.3")).willReturn(aResponse().withStatus(200)));
    registry.stubFor(get(urlPathEqualTo("/v2/team/app/manifests/1.2.3")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/vnd.oci.image.index.v1+json").withBody(MANIFEST)));

    assertThat(client().digest(image("1.2.3"), Deadline.in(Duration.ofSeconds(5)))).isEqualTo(MANIFEST_DIGEST);
  }

  @Test
  void tellsAnUnknownRepositoryFromAnUnknownTag() {
    registry.stubFor(head(urlPathEqualTo("/v2/team/app/manifests/9.9.9")).willReturn(aResponse().withStatus(404)));
    registry.stubFor(get(urlPathEqualTo("/v2/team/app/manifests/9.9.9")).willReturn(aResponse().withStatus(404)
        .withBody("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{\"Tag\":\"9.9.9\"}}]}")));
    registry.stubFor(head(urlPathEqualTo("/v2/team/app/manifests/1.0.0")).willReturn(aResponse().withStatus(404)));
    registry.stubFor(get(urlPathEqualTo("/v2/team/app/manifests/1.0.0")).willReturn(aResponse().withStatus(404)
        .withBody("{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}")));

    assertThatThrownBy(() -> client().digest(image("9.9.9"), Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(RefusedException.class)
        .hasMessage(prefix("9.9.9") + "no manifest 9.9.9 in repository team/app in registry localhost:" + registry.getPort()
            + " (HTTP 404)");
    assertThatThrownBy(() -> client().digest(image("1.0.0"), Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(RefusedException.class)
        .hasMessage(prefix("1.0.0") + "repository team/app not found in registry localhost:" + registry.getPort()
            + " (HTTP 404)");
  }

  @Test
  void refusesADigestHeaderThatIsNotSha256() {
    registry.stubFor(head(urlPathEqualTo("/v2/team/app/manifests/1.2.3")).willReturn(aResponse().withStatus(200)
        .withHeader("Docker-Content-Digest", "md5:abc")));

    assertThatThrownBy(() -> client().digest(image("1.2.3"), Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(RefusedException.class)
        .hasMessage(prefix("1.2.3") + "registry localhost:" + registry.getPort()
            + " answered with a Docker-Content-Digest that is not a sha256 digest (\"md5:abc\")");
  }
}
