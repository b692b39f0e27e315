package se.kth.aspen.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.port.Replicas;

/** Retries, give-ups, a slow endpoint and a full queue: none of it reaches the caller. */
class HttpNotifierDeliveryTest {

  @RegisterExtension
  static WireMockExtension endpoint = WireMockExtension.newInstance()
      .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
      .build();

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private HttpNotifier notifier;

  @AfterEach
  void stop() {
    if (notifier != null) {
      notifier.close();
    }
  }

  private HttpNotifier.Builder errorsTo(String path) {
    return HttpNotifier.builder().errorUrl(URI.create(endpoint.baseUrl() + path));
  }

  /** An error whose text is the problem after a fixed lead, so that the tests follow each one by its name. */
  private static ErrorNotice error(String problem) {
    return new ErrorNotice.PassProblem(problem, false);
  }

  private static final String PROBLEM_LEAD = "Aspen's pass had a problem: ";
  private static final String PROBLEM_SUBJECT = "the pass had a problem: ";

  @Test
  void serverErrorsAreRetriedWithDoublingPausesThenGivenUp() {
    endpoint.stubFor(put(urlEqualTo("/error")).willReturn(aResponse().withStatus(500)));
    RecordingSleeper sleeper = RecordingSleeper.instant();
    notifier = errorsTo("/error").retries(3).firstBackoff(Duration.ofSeconds(1)).sleeper(sleeper).build();

    notifier.error(error("boom"));

    await().atMost(Duration.ofSeconds(10)).until(() -> notifier.givenUp() == 1);
    endpoint.verify(4, putRequestedFor(urlEqualTo("/error")));
    assertThat(sleeper.pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(notifier.delivered()).isZero();
  }

  @Test
  void aServerErrorFollowedBySuccessIsDelivered() {
    endpoint.stubFor(put(urlEqualTo("/error")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    endpoint.stubFor(put(urlEqualTo("/error")).inScenario("flaky").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(204)));
    notifier = errorsTo("/error").sleeper(RecordingSleeper.instant()).build();

    notifier.error(error("boom"));

    await().atMost(Duration.ofSeconds(10)).until(() -> notifier.delivered() == 1);
    endpoint.verify(2, putRequestedFor(urlEqualTo("/error")));
    assertThat(notifier.givenUp()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 404, 422})
  void clientErrorsAreNotRetried(int status) {
    endpoint.stubFor(put(urlEqualTo("/error")).willReturn(aResponse().withStatus(status)));
    RecordingSleeper sleeper = RecordingSleeper.instant();
    notifier = errorsTo("/error").sleeper(sleeper).build();

    notifier.error(error("boom"));

    await().atMost(Duration.ofSeconds(10)).until(() -> notifier.givenUp() == 1);
    endpoint.verify(1, putRequestedFor(urlEqualTo("/error")));
    assertThat(sleeper.pauses).isEmpty();
  }

  @Test
  void timeoutsAreRetriedThenGivenUp() {
    endpoint.stubFor(put(urlEqualTo("/error")).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));
    RecordingSleeper sleeper = RecordingSleeper.instant();
    notifier = errorsTo("/error").requestTimeout(Duration.ofMillis(200)).retries(2).sleeper(sleeper).build();

    notifier.error(error("boom"));

    await().atMost(Duration.ofSeconds(20)).until(() -> notifier.givenUp() == 1);
    endpoint.verify(3, putRequestedFor(urlEqualTo("/error")));
    assertThat(sleeper.pauses).hasSize(2);
    assertThat(notifier.delivered()).isZero();
  }

  @Test
  void refusedConnectionsAreRetriedThenGivenUp() {
    RecordingSleeper sleeper = RecordingSleeper.instant();
    notifier = HttpNotifier.builder().errorUrl(URI.create("http://127.0.0.1:" + closedPort() + "/error"))
        .retries(2).sleeper(sleeper).build();

    notifier.error(error("boom"));

    await().atMost(Duration.ofSeconds(10)).until(() -> notifier.givenUp() == 1);
    assertThat(sleeper.pauses).hasSize(2);
  }

  @Test
  void aTenSecondResponseDoesNotDelayTheCaller() {
    endpoint.stubFor(put(urlEqualTo("/deployment")).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
    notifier = HttpNotifier.builder().deploymentUrl(URI.create(endpoint.baseUrl() + "/deployment"))
        .requestTimeout(Duration.ofSeconds(30)).drainTimeout(Duration.ZERO).build();

    notifier.deployment(deployment("first"));
    notifier.deployment(deployment("second"));

    // Both calls have returned while the first request still waits for its answer.
    await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.findAll(putRequestedFor(urlEqualTo("/deployment"))).size() == 1);
    assertThat(notifier.inFlight()).map(Delivery::subject).contains("deployment of active/first 1.0.0");
    assertThat(notifier.waiting()).extracting(Delivery::subject).containsExactly("deployment of active/second 1.0.0");
    assertThat(notifier.delivered()).isZero();
  }

  @Test
  void aFullQueueDropsTheOldestMessage() {
    endpoint.stubFor(put(urlEqualTo("/error")).withRequestBody(matchingJsonPath("$.message", equalTo(PROBLEM_LEAD + "m0")))
        .atPriority(1).willReturn(aResponse().withStatus(500)));
    endpoint.stubFor(put(urlEqualTo("/error")).atPriority(5).willReturn(aResponse().withStatus(200)));
    RecordingSleeper sleeper = RecordingSleeper.holding();
    notifier = errorsTo("/error").queueCapacity(2).retries(1).sleeper(sleeper).build();

    notifier.error(error("m0"));
    await().atMost(Duration.ofSeconds(10)).until(() -> sleeper.pauses.size() == 1);
    for (String message : List.of("m1", "m2", "m3", "m4")) {
      notifier.error(error(message));
    }

    assertThat(notifier.waiting()).extracting(Delivery::subject).containsExactly(PROBLEM_SUBJECT + "m3", PROBLEM_SUBJECT + "m4");
    assertThat(notifier.dropped()).isEqualTo(2);
    sleeper.release();
    await().atMost(Duration.ofSeconds(10)).until(() -> notifier.delivered() == 2);
    assertThat(messagesSentTo("/error")).containsExactly("m0", "m0", "m3", "m4");
  }

  @Test
  void aMessageThatBreaksTheSenderDoesNotStopIt() {
    endpoint.stubFor(put(urlEqualTo("/error")).withRequestBody(matchingJsonPath("$.message", equalTo(PROBLEM_LEAD + "m0")))
        .atPriority(1).willReturn(aResponse().withStatus(500)));
    endpoint.stubFor(put(urlEqualTo("/error")).atPriority(5).willReturn(aResponse().withStatus(200)));
    Sleeper broken = duration -> {
      throw new IllegalStateException("no clock");
    };
    notifier = errorsTo("/error").sleeper(broken).build();

    notifier.error(error("m0"));
    notifier.error(error("m1"));

    await().atMost(Duration.ofSeconds(10)).until(() -> notifier.delivered() == 1);
    assertThat(notifier.givenUp()).isEqualTo(1);
    assertThat(messagesSentTo("/error")).containsExactly("m0", "m1");
  }

  @Test
  void aKindWithoutUrlIsOnlyLogged() {
    endpoint.stubFor(put(urlEqualTo("/error")).willReturn(aResponse().withStatus(200)));
    notifier = errorsTo("/error").build();

    notifier.deployment(deployment("app"));
    notifier.recommendation(new RecommendationNotice.MissingLabel("app", "se.kth.team", "the team", List.of()));
    notifier.error(error("boom"));

    await().atMost(Duration.ofSeconds(10)).until(() -> notifier.delivered() == 1);
    assertThat(endpoint.getAllServeEvents()).hasSize(1);
    assertThat(messagesSentTo("/error")).containsExactly("boom");
  }

  @Test
  void closeSendsWhatIsQueued() {
    endpoint.stubFor(put(urlEqualTo("/error")).willReturn(aResponse().withStatus(200)));
    notifier = errorsTo("/error").build();
    for (int i = 0; i < 20; i++) {
      notifier.error(error("m" + i));
    }

    notifier.close();

    assertThat(notifier.delivered()).isEqualTo(20);
    endpoint.verify(20, putRequestedFor(urlEqualTo("/error")));
  }

  @Test
  void closeGivesUpOnAStuckEndpointAfterTheDrainTimeout() {
    endpoint.stubFor(put(urlEqualTo("/error")).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
    notifier = errorsTo("/error").requestTimeout(Duration.ofSeconds(30)).drainTimeout(Duration.ofMillis(100)).build();
    notifier.error(error("m0"));
    notifier.error(error("m1"));
    await().atMost(Duration.ofSeconds(10)).until(() -> notifier.inFlight().isPresent());

    notifier.close();

    assertThat(notifier.waiting()).isEmpty();
    assertThat(notifier.delivered()).isZero();
  }

  @Test
  void noticesAfterCloseAreOnlyLogged() {
    endpoint.stubFor(put(urlEqualTo("/error")).willReturn(aResponse().withStatus(200)));
    notifier = errorsTo("/error").build();
    notifier.close();

    notifier.error(error("late"));

    assertThat(notifier.waiting()).isEmpty();
    assertThat(endpoint.getAllServeEvents()).isEmpty();
  }

  @Test
  void aUrlThatIsNotHttpIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> HttpNotifier.builder().errorUrl(URI.create("ftp://token-123@host/x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SLACK_ERROR_POST_URL must be an absolute http:// or https:// URL");
  }

  private static DeploymentNotice deployment(String app) {
    return new DeploymentNotice(app, "active", Optional.of(ImageReference.parse("busybox:1.0.0")), Optional.empty(),
        Instant.EPOCH, Replicas.count(1), Map.of());
  }

  private List<String> messagesSentTo(String path) {
    return endpoint.findAll(putRequestedFor(urlEqualTo(path))).stream().map(r -> {
      try {
        return MAPPER.readTree(r.getBody()).get("message").textValue().replaceFirst("^" + PROBLEM_LEAD, "");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).toList();
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
