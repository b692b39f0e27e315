package se.kth.aspen.swarm.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

class DockerRegistryFailuresTest {

  @RegisterExtension
  static WireMockExtension registry = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  private DockerRegistry client(Duration requestTimeout) {
    return DockerRegistry.create(Registries.none().withPrimary(URI.create(registry.baseUrl()), Optional.empty()),
        requestTimeout);
  }

  private DockerRegistry client() {
    return client(Duration.ofSeconds(5));
  }

  private ImageReference image() {
    return ImageReference.parse("localhost:" + registry.getPort() + "/team/app");
  }

  private String listing() {
    return "listing tags of localhost:" + registry.getPort() + "/team/app: ";
  }

  private String registryName() {
    return "registry localhost:" + registry.getPort();
  }

  private void answers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
    registry.stubFor(get(urlPathEqualTo("/v2/team/app/tags/list")).willReturn(answer));
  }

  @Test
  void reportsARegistrySlowerThanTheRequestTimeoutAsUnreachable() {
    answers(aResponse().withStatus(200).withBody("{\"tags\":[]}").withFixedDelay(3_000));

    assertThatThrownBy(() -> client(Duration.ofMillis(300)).tags(image(), Deadline.in(Duration.ofSeconds(30))))
        .isInstanceOf(UnreachableException.class)
        .hasMessage(listing() + registryName() + " did not answer within 300 ms");
  }

  @Test
  void reportsABodyTricklingInSlowerThanTheRequestTimeoutAsUnreachable() {
    answers(aResponse().withStatus(200).withBody("{\"name\":\"team/app\",\"tags\":[\"1.0.0\",\"1.1.0\"]}")
        .withChunkedDribbleDelay(10, 5_000));

    assertThatThrownBy(() -> client(Duration.ofMillis(300)).tags(image(), Deadline.in(Duration.ofSeconds(30))))
        .isInstanceOf(UnreachableException.class)
        .hasMessage(listing() + registryName() + " did not answer within 300 ms");
  }

  @Test
  void waitsNoLongerThanTheDeadlineAllows() {
    answers(aResponse().withStatus(200).withBody("{\"tags\":[]}").withFixedDelay(3_000));

    assertThatThrownBy(() -> client().tags(image(), Deadline.in(Duration.ofMillis(400))))
        .isInstanceOf(UnreachableException.class)
        .hasMessageStartingWith(listing() + registryName() + " did not answer within ");
  }

  @Test
  void asksNothingOnceTheDeadlineHasPassed() {
    assertThatThrownBy(() -> client().tags(image(), Deadline.in(Duration.ZERO)))
        .isInstanceOf(UnreachableException.class)
        .hasMessage(listing() + "the deadline passed before " + registryName() + " could be asked");
  }

  @Test
  void reportsARefusedConnectionAsUnreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    DockerRegistry client = DockerRegistry.create(Registries.none(), Duration.ofSeconds(2));

    assertThatThrownBy(() -> client.tags(ImageReference.parse("127.0.0.1:" + port + "/app"), Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(UnreachableException.class)
        .hasMessage("listing tags of 127.0.0.1:" + port + "/app: cannot connect to registry 127.0.0.1:" + port
            + " (connection refused)");
  }

  @Test
  void reportsServerErrorsAsUnreachableQuotingTheRegistrysError() {
    answers(aResponse().withStatus(503)
        .withBody("{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"service unavailable\"}]}"));

    assertThatThrownBy(() -> client().tags(image(), Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(UnreachableException.class)
        .hasMessage(listing() + registryName() + " answered HTTP 503 (UNAVAILABLE: service unavailable)");
  }

  @Test
  void namesTheUnknownRepositoryAndTheRegistry() {
    answers(aResponse().withStatus(404).withBody(
        "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}"));

    assertThatThrownBy(() -> client().tags(image(), Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(RefusedException.class)
        .hasMessage(listing() + "repository team/app not found in " + registryName() + " (HTTP 404)");
  }

  @Test
  void refusesABodyThatIsNotJson() {
    answers(aResponse().withStatus(200).withBody("<html><body>Welcome to nginx!</body></html>"));

    assertThatThrownBy(() -> client().tags(image(), Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(RefusedException.class)
        .hasMessage(listing() + registryName()
            + " answered with malformed JSON (\"<html><body>Welcome to nginx!</body></html>\")");
  }

  @Test
  void refusesJsonWithoutATagsList() {
    answers(aResponse().withStatus(200).withBody("{\"name\":\"team/app\",\"tags\":\"1.0.0\"}"));

    assertThatThrownBy(() -> client().tags(image(), Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(RefusedException.class)
        .hasMessage(listing() + registryName()
            + " answered without a tags list (\"{\"name\":\"team/app\",\"tags\":\"1.0.0\"}\")");
  }

  @Test
  void saysCredentialsAreMissingWhenABasicRegistryAsksForThem() {
    answers(aResponse().withStatus(401).withHeader("Www-Authenticate", "Basic realm=\"registry\""));

    assertThatThrownBy(() -> client().tags(image(), Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(RefusedException.class)
        .hasMessage(listing() + registryName() + " requires credentials and none are configured for it (HTTP 401)");
  }

  @Test
  void refusesABearerChallengeWithoutRealm() {
    answers(aResponse().withStatus(401).withHeader("Www-Authenticate", "Bearer service=\"registry.test\""));

    assertThatThrownBy(() -> client().tags(image(), Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(RefusedException.class)
        .hasMessage(listing() + registryName()
            + " sent an unusable challenge: bearer challenge \"service=\"registry.test\"\" names no realm");
  }

  @Test
  void refusesATokenAnswerWithoutAToken() {
    answers(aResponse().withStatus(401).withHeader("Www-Authenticate",
        "Bearer realm=\"" + registry.baseUrl() + "/token\",service=\"registry.test\""));
    registry.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"expires_in\": 300}")));

    assertThatThrownBy(() -> client().tags(image(), Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(RefusedException.class)
        .hasMessage(listing() + "token endpoint " + registry.baseUrl() + "/token answered without a token");
  }

  @Test
  void refusesAnImageWhoseRegistryIsNotAHost() {
    assertThatThrownBy(() -> client().digest(ImageReference.parse("a:b:c/app:1.0.0"), Deadline.in(Duration.ofSeconds(5))))
        .isInstanceOf(RefusedException.class)
        .hasMessage("reading the manifest digest of a:b:c/app:1.0.0: registry \"a:b:c\" of image a:b:c/app:1.0.0"
            + " is not a host[:port]");
  }
}
