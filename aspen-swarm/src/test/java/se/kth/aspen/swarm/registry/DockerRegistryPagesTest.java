package se.kth.aspen.swarm.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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

/** Tag lists split over pages, as registries that honour {@code n} (Harbor, Docker Hub) send them. */
class DockerRegistryPagesTest {

  @RegisterExtension
  static WireMockExtension registry = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension elsewhere = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  private DockerRegistry client() {
    return DockerRegistry.create(Registries.none().withPrimary(URI.create(registry.baseUrl()),
        Optional.of(new RegistryLogin("aspen", Secret.of("s3cret-pw")))), Duration.ofSeconds(5));
  }

  private ImageReference image() {
    return ImageReference.parse("localhost:" + registry.getPort() + "/team/app");
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder page(String tags, String link) {
    var answer = aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"name\":\"team/app\",\"tags\":" + tags + "}");
    return link == null ? answer : answer.withHeader("Link", link);
  }

  @Test
  void followsRelativeAndAbsoluteNextLinksAskingForAHundredTagsAPage() throws Exception {
    registry.stubFor(get(urlPathEqualTo("/v2/team/app/tags/list")).withQueryParam("n", equalTo("100"))
        .withQueryParam("last", absent())
        .willReturn(page("[\"1.0.0\",\"1.1.0\"]", "</v2/team/app/tags/list?last=1.1.0&n=100>; rel=\"next\"")));
    registry.stubFor(get(urlPathEqualTo("/v2/team/app/tags/list")).withQueryParam("last", equalTo("1.1.0"))
        .willReturn(page("[\"1.2.0\"]", "<" + registry.baseUrl() + "/v2/team/app/tags/list?last=1.2.0&n=100>; rel=\"next\"")));
    registry.stubFor(get(urlPathEqualTo("/v2/team/app/tags/list")).withQueryParam("last", equalTo("1.2.0"))
        .willReturn(page("[\"2.0.0\"]", null)));

    assertThat(client().tags(image(), Deadline.in(Duration.ofSeconds(10))))
        .containsExactly("1.0.0", "1.1.0", "1.2.0", "2.0.0");
    registry.verify(3, getRequestedFor(urlPathEqualTo("/v2/team/app/tags/list"))
        .withHeader("Authorization", equalTo(TokenAuthRegistry.basic("aspen", "s3cret-pw"))));
  }

  @Test
  void sendsNoCredentialsWhereANextLinkLeadsToAnotherHost() throws Exception {
    registry.stubFor(get(urlPathEqualTo("/v2/team/app/tags/list"))
        .willReturn(page("[\"1.0.0\"]", "<" + elsewhere.baseUrl() + "/v2/team/app/tags/list?last=1.0.0>; rel=\"next\"")));
    elsewhere.stubFor(get(urlPathEqualTo("/v2/team/app/tags/list")).willReturn(page("[\"1.1.0\"]", null)));

    assertThat(client().tags(image(), Deadline.in(Duration.ofSeconds(10)))).containsExactly("1.0.0", "1.1.0");
    elsewhere.verify(getRequestedFor(urlPathEqualTo("/v2/team/app/tags/list"))
        .withHeader("Authorization", absent()));
  }

  @Test
  void refusesARegistryThatLinksBackToAPageAlreadyRead() {
    registry.stubFor(get(urlPathEqualTo("/v2/team/app/tags/list"))
        .willReturn(page("[\"1.0.0\"]", "</v2/team/app/tags/list?n=100>; rel=\"next\"")));

    assertThatThrownBy(() -> client().tags(image(), Deadline.in(Duration.ofSeconds(10))))
        .isInstanceOf(RefusedException.class)
        .hasMessage("listing tags of localhost:" + registry.getPort() + "/team/app: registry localhost:"
            + registry.getPort() + " keeps linking to more pages (at " + registry.baseUrl()
            + "/v2/team/app/tags/list?n=100 after 1 pages)");
  }

  @Test
  void readsARepositoryWithoutTagsAsNoTags() throws Exception {
    registry.stubFor(get(urlPathEqualTo("/v2/team/app/tags/list")).willReturn(page("null", null)));

    assertThat(client().tags(image(), Deadline.in(Duration.ofSeconds(10)))).isEmpty();
  }
}
