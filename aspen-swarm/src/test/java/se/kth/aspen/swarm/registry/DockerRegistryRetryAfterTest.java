package se.kth.aspen.swarm.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.kth.aspen.core.catalogue.CatalogueSettings;
import se.kth.aspen.core.catalogue.RegistryCatalogue;
import se.kth.aspen.core.catalogue.RegistryRequests;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.UnreachableException;

/**
 * A throttling registry's {@code Retry-After}. WireMock plays the registry here, and only here: the
 * distribution registry the other tests use never answers 429.
 */
class DockerRegistryRetryAfterTest {

  static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");

  @RegisterExtension
  static WireMockExtension registry =
      WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  private DockerRegistry client(Clock clock) {
    return DockerRegistry.create(Registries.none().withPrimary(URI.create(registry.baseUrl()), Optional.empty()),
        Duration.ofSeconds(5), clock);
  }

  private ImageReference image(String path) {
    return ImageReference.parse("localhost:" + registry.getPort() + "/" + path);
  }

  private static Deadline soon() {
    return Deadline.in(Duration.ofSeconds(5));
  }

  private void tagsAnswer(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
    registry.stubFor(get(urlPathEqualTo("/v2/" + path + "/tags/list")).willReturn(answer));
  }

  private int tagRequests(String path) {
    return registry.findAll(getRequestedFor(urlPathEqualTo("/v2/" + path + "/tags/list"))).size();
  }

  @Test
  void aTooManyRequestsAnswerCarriesTheWaitItAsksFor() {
    tagsAnswer("team/app", aResponse().withStatus(429).withHeader("Retry-After", "120")
        .withBody("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}"));

    assertThatThrownBy(() -> client(Clock.fixed(NOW, ZoneOffset.UTC)).tags(image("team/app"), soon()))
        .isInstanceOfSatisfying(UnreachableException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)))
        .hasMessage("listing tags of localhost:" + registry.getPort() + "/team/app: registry localhost:"
            + registry.getPort() + " answered HTTP 429 (TOOMANYREQUESTS: slow down); it asks for no requests for"
            + " 120 s (Retry-After)");
  }

  @Test
  void anUnavailableAnswerWithADateCarriesTheWaitUntilThen() {
    registry.stubFor(head(urlPathEqualTo("/v2/team/app/manifests/1.0.0"))
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "Wed, 21 Oct 2026 07:29:30 GMT")));

    assertThatThrownBy(() -> client(Clock.fixed(NOW, ZoneOffset.UTC)).digest(image("team/app:1.0.0"), soon()))
        .isInstanceOfSatisfying(UnreachableException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(90)))
        .hasMessageEndingWith("answered HTTP 503; it asks for no requests for 90 s (Retry-After)");
  }

  @Test
  void withoutTheHeaderOrForOtherStatusesNoWaitIsCarried() {
    tagsAnswer("team/app", aResponse().withStatus(429));
    assertThatThrownBy(() -> client(Clock.systemUTC()).tags(image("team/app"), soon()))
        .isInstanceOfSatisfying(UnreachableException.class, e -> assertThat(e.retryAfter()).isEmpty());
    tagsAnswer("team/app", aResponse().withStatus(500).withHeader("Retry-After", "120"));
    assertThatThrownBy(() -> client(Clock.systemUTC()).tags(image("team/app"), soon()))
        .isInstanceOfSatisfying(UnreachableException.class, e -> assertThat(e.retryAfter()).isEmpty());
  }

  @Test
  void theCatalogueSendsTheThrottlingRegistryNothingUntilTheWaitIsOverAndKeepsItsLists() throws Exception {
    tagsAnswer("team/app", aResponse().withStatus(200).withBody("{\"name\":\"team/app\",\"tags\":[\"1.0.0\"]}"));
    tagsAnswer("team/other", aResponse().withStatus(200).withBody("{\"name\":\"team/other\",\"tags\":[\"2.0.0\"]}"));
    RegistryCatalogue catalogue = new RegistryCatalogue(client(Clock.systemUTC()),
        CatalogueSettings.of(Duration.ofMinutes(5), 4, Duration.ofSeconds(5)), RegistryRequests.none());
    assertThat(catalogue.tags(image("team/app"), soon())).containsExactly("1.0.0");
    assertThat(catalogue.tags(image("team/other"), soon())).containsExactly("2.0.0");

    tagsAnswer("team/app", aResponse().withStatus(429).withHeader("Retry-After", "2"));
    tagsAnswer("team/other", aResponse().withStatus(200)
        .withBody("{\"name\":\"team/other\",\"tags\":[\"2.0.0\",\"2.1.0\"]}"));
    catalogue.refreshAll();
    assertThat(catalogue.tags(image("team/app"), soon())).containsExactly("1.0.0");
    catalogue.refreshAll();
    assertThat(catalogue.tags(image("team/app"), soon())).containsExactly("1.0.0");
    assertThat(catalogue.tags(image("team/other"), soon())).containsExactly("2.0.0");
    assertThat(tagRequests("team/app")).isEqualTo(2);
    assertThat(tagRequests("team/other")).isEqualTo(1);

    // Once the two seconds are over, the next forced ask reaches the registry again.
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
      catalogue.refreshAll();
      catalogue.tags(image("team/other"), soon());
      return tagRequests("team/other") > 1;
    });
    assertThat(catalogue.tags(image("team/other"), soon())).containsExactly("2.0.0", "2.1.0");
    assertThat(tagRequests("team/app")).isEqualTo(2);
  }
}
