package se.kth.aspen.swarm.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.Secret;

class DockerRegistryBearerTest {

  @RegisterExtension
  static WireMockExtension registry = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension auth = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  private static final String DATE = "Wed, 25 Nov 2026 21:00:00 GMT";
  private static final String ISSUED = "2026-11-25T21:00:00.123456789Z";
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T21:00:00Z"));

  private DockerRegistry client(String configuredUrl, boolean withCredentials) {
    return DockerRegistry.create(
        Registries.none().withPrimary(URI.create(configuredUrl),
            withCredentials ? Optional.of(new RegistryLogin("aspen", Secret.of("s3cret-pw"))) : Optional.empty()),
        Duration.ofSeconds(5),
        now::get);
  }

  private DockerRegistry configuredClient() {
    return client(registry.baseUrl(), true);
  }

  private ImageReference image(String repository) {
    return ImageReference.parse("localhost:" + registry.getPort() + "/" + repository + ":1.0.0");
  }

  private String realm() {
    return auth.baseUrl() + "/token";
  }

  private void tokenRegistry(String repository, String token, long expiresIn, String issuedAt) {
    TokenAuthRegistry.challenges(registry, repository, realm());
    TokenAuthRegistry.issues(auth, repository, token, expiresIn, issuedAt, DATE);
    TokenAuthRegistry.lists(registry, repository, token, "[\"1.0.0\",\"1.2.0_abc\"]");
  }

  private static Deadline deadline() {
    return Deadline.in(Duration.ofSeconds(10));
  }

  @Test
  void answersTheChallengeWithATokenFetchedWithTheConfiguredCredentials() throws Exception {
    tokenRegistry("team/app", "tok-1", 300, ISSUED);

    assertThat(configuredClient().tags(image("team/app"), deadline())).containsExactly("1.0.0", "1.2.0_abc");

    auth.verify(1, getRequestedFor(urlPathEqualTo("/token"))
        .withHeader("Authorization", equalTo(TokenAuthRegistry.basic("aspen", "s3cret-pw"))));
    registry.verify(getRequestedFor(urlPathEqualTo("/v2/team/app/tags/list"))
        .withHeader("Authorization", equalTo("Bearer tok-1")));
  }

  @Test
  void reusesTheTokenUntilItExpires() throws Exception {
    tokenRegistry("team/app", "tok-1", 300, ISSUED);

    assertOneTokenServesFor(269);
  }

  @Test
  void countsTheAgeOfATokenTheServerIssuedEarlier() throws Exception {
    tokenRegistry("team/app", "tok-1", 300, "2026-11-25T20:56:40Z");

    assertOneTokenServesFor(69);
  }

  /** The first listing fetches a token; it still serves {@code seconds} later, and not 2 s after that. */
  private void assertOneTokenServesFor(long seconds) throws Exception {
    DockerRegistry client = configuredClient();

    client.tags(image("team/app"), deadline());
    now.set(now.get().plusSeconds(seconds));
    client.tags(image("team/app"), deadline());
    auth.verify(1, getRequestedFor(urlPathEqualTo("/token")));

    now.set(now.get().plusSeconds(2));
    client.tags(image("team/app"), deadline());
    auth.verify(2, getRequestedFor(urlPathEqualTo("/token")));
  }

  @Test
  void keepsOneTokenPerScope() throws Exception {
    tokenRegistry("team/app", "tok-app", 300, ISSUED);
    tokenRegistry("team/web", "tok-web", 300, ISSUED);
    DockerRegistry client = configuredClient();

    client.tags(image("team/app"), deadline());
    client.tags(image("team/web"), deadline());
    client.tags(image("team/app"), deadline());
    client.tags(image("team/web"), deadline());

    auth.verify(1, getRequestedFor(urlPathEqualTo("/token")).withQueryParam("scope", equalTo("repository:team/app:pull")));
    auth.verify(1, getRequestedFor(urlPathEqualTo("/token")).withQueryParam("scope", equalTo("repository:team/web:pull")));
  }

  @Test
  void fetchesAFreshTokenWhenTheRegistryNoLongerTakesTheCachedOne() throws Exception {
    tokenRegistry("team/app", "tok-1", 300, ISSUED);
    DockerRegistry client = configuredClient();
    client.tags(image("team/app"), deadline());

    TokenAuthRegistry.issues(auth, "team/app", "tok-2", 300, ISSUED, DATE);
    TokenAuthRegistry.lists(registry, "team/app", "tok-2", "[\"2.0.0\"]");
    registry.stubFor(get(urlPathEqualTo("/v2/team/app/tags/list")).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer tok-1"))
        .willReturn(aResponse().withStatus(401).withHeader("Www-Authenticate",
            "Bearer realm=\"" + realm() + "\",service=\"registry.test\",scope=\"repository:team/app:pull\",error=\"invalid_token\"")));

    assertThat(client.tags(image("team/app"), deadline())).containsExactly("2.0.0");
  }

  @Test
  void namesTheUserButNotThePasswordWhenTheTokenEndpointRejectsThem() {
    TokenAuthRegistry.challenges(registry, "team/app", realm());
    auth.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(401)
        .withHeader("Www-Authenticate", "Basic realm=\"token\"")
        .withBody("{\"details\":\"incorrect username or password\"}")));

    assertThatThrownBy(() -> configuredClient().tags(image("team/app"), deadline()))
        .isInstanceOf(RefusedException.class)
        .hasMessage("listing tags of localhost:" + registry.getPort() + "/team/app: token endpoint " + realm()
            + " rejected the credentials of user \"aspen\" for scope repository:team/app:pull (HTTP 401)")
        .hasMessageNotContaining("s3cret-pw");
  }

  @Test
  void saysTheRepositoryIsMissingOrForbiddenWhenTheRegistryRejectsAFreshToken() {
    TokenAuthRegistry.challenges(registry, "team/app", realm());
    TokenAuthRegistry.issues(auth, "team/app", "tok-1", 300, ISSUED, DATE);

    assertThatThrownBy(() -> configuredClient().tags(image("team/app"), deadline()))
        .isInstanceOf(RefusedException.class)
        .hasMessage("listing tags of localhost:" + registry.getPort() + "/team/app: registry localhost:"
            + registry.getPort() + " did not accept the token issued for repository:team/app:pull (HTTP 401):"
            + " repository team/app does not exist or user \"aspen\" may not pull it");
  }

  @Test
  void sendsNoCredentialsToARegistryOtherThanTheConfiguredOne() throws Exception {
    tokenRegistry("team/app", "anon-tok", 300, ISSUED);
    DockerRegistry client = client("https://registry.example.com", true);

    assertThat(client.tags(image("team/app"), deadline())).containsExactly("1.0.0", "1.2.0_abc");

    auth.verify(1, getRequestedFor(urlPathEqualTo("/token")).withHeader("Authorization", absent()));
    registry.verify(0, getRequestedFor(urlPathMatching("/v2/.*"))
        .withHeader("Authorization", equalTo(TokenAuthRegistry.basic("aspen", "s3cret-pw"))));
  }

  @Test
  void saysSoWhenTheTokenEndpointRefusesAnonymousAccess() {
    TokenAuthRegistry.challenges(registry, "team/app", realm());
    auth.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(401)));

    assertThatThrownBy(() -> client("https://registry.example.com", false).tags(image("team/app"), deadline()))
        .isInstanceOf(RefusedException.class)
        .hasMessage("listing tags of localhost:" + registry.getPort() + "/team/app: token endpoint " + realm()
            + " refused anonymous access for scope repository:team/app:pull (HTTP 401)");
  }

  @Test
  void usesTheChallengeForManifestDigestsToo() throws Exception {
    tokenRegistry("team/app", "tok-1", 300, ISSUED);
    registry.stubFor(head(urlPathEqualTo("/v2/team/app/manifests/1.0.0"))
        .atPriority(1)
        .withHeader("Authorization", equalTo("Bearer tok-1"))
        .willReturn(aResponse().withStatus(200)
            .withHeader("Docker-Content-Digest", "sha256:" + "ab".repeat(32))));

    DockerRegistry client = configuredClient();
    client.tags(image("team/app"), deadline());
    assertThat(client.digest(image("team/app"), deadline())).isEqualTo("sha256:" + "ab".repeat(32));
    auth.verify(1, getRequestedFor(urlPathEqualTo("/token")));
    assertThat(client.toString()).doesNotContain("s3cret-pw");
  }

  @Test
  void refusesATokenThatWouldAddAHeaderToTheRequest() {
    // The JSON escapes put a line break into the token, and a header after it.
    tokenRegistry("team/app", "tok-1\\r\\nX-Injected: 1", 300, ISSUED);

    assertThatThrownBy(() -> configuredClient().tags(image("team/app"), deadline()))
        .isInstanceOf(RefusedException.class)
        .hasMessage("listing tags of localhost:" + registry.getPort() + "/team/app: cannot ask registry localhost:"
            + registry.getPort() + " at " + registry.baseUrl() + "/v2/team/app/tags/list?n=100: the Authorization"
            + " contains a character HTTP cannot carry");
    registry.verify(0, getRequestedFor(urlPathEqualTo("/v2/team/app/tags/list")).withHeader("X-Injected", equalTo("1")));
  }
}
