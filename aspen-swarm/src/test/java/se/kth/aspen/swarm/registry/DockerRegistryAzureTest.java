package se.kth.aspen.swarm.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import se.kth.aspen.core.port.Secret;

/**
 * Azure Container Registry beside the primary registry: its images list their tags with ACR's
 * {@code /acr/v1/<name>/_tags} and its own login, as the Python tool did; the primary keeps v2.
 */
class DockerRegistryAzureTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @RegisterExtension
  static WireMockExtension acr = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension primary = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  private DockerRegistry client() {
    return DockerRegistry.create(Registries.none()
        .withPrimary(URI.create("http://127.0.0.1:" + primary.getPort()), Optional.of(new RegistryLogin("deployer", Secret.of("primary-pw"))))
        .withAzure(URI.create("http://127.0.0.1:" + acr.getPort() + "/"), new RegistryLogin("azure-user", Secret.of("azure-pw"))),
        Duration.ofSeconds(5));
  }

  private ImageReference azureImage() {
    return ImageReference.parse("127.0.0.1:" + acr.getPort() + "/kth-azure-app");
  }

  @Test
  void listsTheTagsOfAnAzureImageThroughTheAcrApiWithTheAzureLogin() throws Exception {
    acr.stubFor(get(urlPathEqualTo("/acr/v1/kth-azure-app/_tags")).withBasicAuth("azure-user", "azure-pw")
        .withQueryParam("last", absent())
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withHeader("Link", "</acr/v1/kth-azure-app/_tags?last=1.2.3_abc&n=100>; rel=\"next\"")
            .withBody("{\"registry\":\"kthregistry.azurecr.io\",\"imageName\":\"kth-azure-app\",\"tags\":["
                + "{\"name\":\"1.2.2_aaa\",\"digest\":\"" + DIGEST + "\"},{\"name\":\"1.2.3_abc\",\"digest\":\"" + DIGEST + "\"}]}")));
    acr.stubFor(get(urlPathEqualTo("/acr/v1/kth-azure-app/_tags")).withBasicAuth("azure-user", "azure-pw")
        .withQueryParam("last", equalTo("1.2.3_abc"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"tags\":[{\"name\":\"2.0.0_ccc\"}]}")));

    assertThat(client().tags(azureImage(), Deadline.in(Duration.ofSeconds(10))))
        .containsExactly("1.2.2_aaa", "1.2.3_abc", "2.0.0_ccc");
    acr.verify(getRequestedFor(urlPathEqualTo("/acr/v1/kth-azure-app/_tags")).withQueryParam("n", equalTo("100")));
    acr.verify(0, getRequestedFor(urlPathEqualTo("/v2/kth-azure-app/tags/list")));
  }

  @Test
  void readsTheDigestOfAnAzureImageFromTheV2ApiWithTheAzureLogin() throws Exception {
    acr.stubFor(head(urlPathEqualTo("/v2/kth-azure-app/manifests/1.2.3_abc")).withBasicAuth("azure-user", "azure-pw")
        .willReturn(aResponse().withStatus(200).withHeader("Docker-Content-Digest", DIGEST)));

    assertThat(client().digest(ImageReference.parse(azureImage().name() + ":1.2.3_abc"), Deadline.in(Duration.ofSeconds(10))))
        .isEqualTo(DIGEST);
    acr.verify(headRequestedFor(urlPathEqualTo("/v2/kth-azure-app/manifests/1.2.3_abc"))
        .withHeader("Authorization", equalTo(TokenAuthRegistry.basic("azure-user", "azure-pw"))));
  }

  @Test
  void imagesWithoutAHostStayOnThePrimaryRegistryWithItsOwnLogin() throws Exception {
    primary.stubFor(get(urlPathEqualTo("/v2/app/tags/list"))
        .willReturn(aResponse().withStatus(200).withBody("{\"name\":\"app\",\"tags\":[\"1.0.0_a\"]}")));

    assertThat(client().tags(ImageReference.parse("app"), Deadline.in(Duration.ofSeconds(10)))).containsExactly("1.0.0_a");
    primary.verify(getRequestedFor(urlPathEqualTo("/v2/app/tags/list"))
        .withHeader("Authorization", equalTo(TokenAuthRegistry.basic("deployer", "primary-pw"))));
    acr.verify(0, getRequestedFor(urlPathEqualTo("/acr/v1/app/_tags")));
  }

  @Test
  void refusesAnAcrTagThatHasNoName() {
    acr.stubFor(get(urlPathEqualTo("/acr/v1/kth-azure-app/_tags"))
        .willReturn(aResponse().withStatus(200).withBody("{\"tags\":[\"1.0.0_bare\"]}")));

    assertThatThrownBy(() -> client().tags(azureImage(), Deadline.in(Duration.ofSeconds(10))))
        .isInstanceOf(RefusedException.class)
        .hasMessage("listing tags of " + azureImage().name() + ": registry 127.0.0.1:" + acr.getPort()
            + " listed a tag that is not text (\"1.0.0_bare\")");
  }

  @Test
  void namesTheAzureUserWhenAcrRejectsIt() {
    acr.stubFor(get(urlPathEqualTo("/acr/v1/kth-azure-app/_tags")).willReturn(aResponse().withStatus(401)));

    assertThatThrownBy(() -> client().tags(azureImage(), Deadline.in(Duration.ofSeconds(10))))
        .isInstanceOf(RefusedException.class)
        .hasMessage("listing tags of " + azureImage().name() + ": registry 127.0.0.1:" + acr.getPort()
            + " rejected the credentials of user \"azure-user\" (HTTP 401)");
  }
}
