package se.kth.aspen.forge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.kth.aspen.core.port.CommitStatus;
import se.kth.aspen.core.port.Secret;

/** Rate limits waited out as each forge asks, failures retried then given up, nothing reaching the caller. */
class ForgeDeliveryTest {

  @RegisterExtension
  static WireMockExtension forge = WireMockExtension.newInstance()
      .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
      .build();

  private static final String SHA = "3b01b96e1f2a4c5d6e7f8091a2b3c4d5e6f70812";
  private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private ForgeCommitStatuses statuses;

  @AfterEach
  void close() {
    if (statuses != null) {
      statuses.close();
    }
  }

  @Test
  void a429WithRetryAfterIsWaitedOutThenPostedAgain() {
    limitedOnce(aResponse().withStatus(429).withHeader("Retry-After", "7"));
    start(ForgeCommitStatuses.Provider.GITHUB, Duration.ofMinutes(15));

    statuses.post(status());

    await().atMost(Duration.ofSeconds(10)).until(() -> statuses.posted() == 1);
    assertThat(sleeper.pauses).containsExactly(Duration.ofSeconds(7));
    forge.verify(2, postRequestedFor(anyUrl()));
  }

  @Test
  void gitHubsSpentBudgetIsWaitedOutUntilItsReset() {
    limitedOnce(aResponse().withStatus(403).withHeader("X-RateLimit-Remaining", "0")
        .withHeader("X-RateLimit-Reset", Long.toString(NOW.plusSeconds(30).getEpochSecond())));
    start(ForgeCommitStatuses.Provider.GITHUB, Duration.ofMinutes(15));

    statuses.post(status());

    await().atMost(Duration.ofSeconds(10)).until(() -> statuses.posted() == 1);
    assertThat(sleeper.pauses).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void gitLabsRateLimitHeadersAreReadToo() {
    limitedOnce(aResponse().withStatus(429).withHeader("RateLimit-Remaining", "0")
        .withHeader("RateLimit-Reset", Long.toString(NOW.plusSeconds(42).getEpochSecond())));
    start(ForgeCommitStatuses.Provider.GITLAB, Duration.ofMinutes(15));

    statuses.post(status());

    await().atMost(Duration.ofSeconds(10)).until(() -> statuses.posted() == 1);
    assertThat(sleeper.pauses).containsExactly(Duration.ofSeconds(42));
  }

  @Test
  void aRateLimitLongerThanTheCapIsWaitedForTheCapOnly() {
    limitedOnce(aResponse().withStatus(429).withHeader("Retry-After", "3600"));
    start(ForgeCommitStatuses.Provider.GITEA, Duration.ofMinutes(15));

    statuses.post(status());

    await().atMost(Duration.ofSeconds(10)).until(() -> statuses.posted() == 1);
    assertThat(sleeper.pauses).containsExactly(Duration.ofMinutes(15));
  }

  @Test
  void a403WithoutRateLimitHeadersIsARefusalAndNotRetried() {
    forge.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(403).withBody("{\"message\":\"Resource not accessible\"}")));
    start(ForgeCommitStatuses.Provider.GITHUB, Duration.ofMinutes(15));

    statuses.post(status());

    await().atMost(Duration.ofSeconds(10)).until(() -> statuses.dropped() == 1);
    assertThat(sleeper.pauses).isEmpty();
    forge.verify(1, postRequestedFor(anyUrl()));
  }

  @Test
  void serverErrorsAreRetriedWithDoublingPausesThenGivenUp() {
    forge.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(502)));
    start(ForgeCommitStatuses.Provider.BITBUCKET, Duration.ofMinutes(15));

    statuses.post(status());

    await().atMost(Duration.ofSeconds(10)).until(() -> statuses.dropped() == 1);
    assertThat(sleeper.pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    forge.verify(4, postRequestedFor(anyUrl()));
  }

  @Test
  void aForgeThatIsDownNeverReachesTheCaller() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    statuses = ForgeCommitStatuses.builder(ForgeCommitStatuses.Provider.GITHUB, URI.create("http://127.0.0.1:" + closedPort),
        "kth/app-registry", Secret.of("t")).build(sleeper, Clock.fixed(NOW, ZoneOffset.UTC));

    for (int i = 0; i < 5; i++) {
      statuses.post(status());
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> statuses.dropped() == 5);
    assertThat(statuses.posted()).isZero();
  }

  private void limitedOnce(ResponseDefinitionBuilder limited) {
    forge.stubFor(post(anyUrl()).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(limited).willSetStateTo("reset"));
    forge.stubFor(post(anyUrl()).inScenario("limit").whenScenarioStateIs("reset")
        .willReturn(aResponse().withStatus(201).withBody("{}")));
  }

  private void start(ForgeCommitStatuses.Provider provider, Duration cap) {
    statuses = ForgeCommitStatuses.builder(provider, URI.create(forge.baseUrl()), "kth/app-registry", Secret.of("t"))
        .maxRateLimitWait(cap).build(sleeper, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static CommitStatus status() {
    return new CommitStatus(SHA, "aspen/active/app-a", CommitStatus.State.SUCCESS, "deployed", Optional.empty());
  }
}
