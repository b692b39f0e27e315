package se.kth.aspen.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.port.RecoveryNotice;
import se.kth.aspen.core.port.Replicas;

/** The bodies on the wire (aspen-notify/README.md), compared with notify-examples.json field by field. */
class NoticeBodyTest {

  @RegisterExtension
  static WireMockExtension endpoint = WireMockExtension.newInstance()
      .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
      .build();

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static JsonNode examples;
  private HttpNotifier notifier;

  @BeforeAll
  static void readExamples() throws IOException {
    try (InputStream in = NoticeBodyTest.class.getResourceAsStream("/notify-examples.json")) {
      examples = MAPPER.readTree(in);
    }
  }

  @BeforeEach
  void start() {
    endpoint.stubFor(put(urlEqualTo("/deployment")).willReturn(aResponse().withStatus(200)));
    endpoint.stubFor(put(urlEqualTo("/error")).willReturn(aResponse().withStatus(200)));
    endpoint.stubFor(put(urlEqualTo("/recommendation")).willReturn(aResponse().withStatus(200)));
    String base = endpoint.baseUrl();
    notifier = HttpNotifier.builder()
        .deploymentUrl(URI.create(base + "/deployment"))
        .errorUrl(URI.create(base + "/error"))
        .recommendationUrl(URI.create(base + "/recommendation"))
        .build();
  }

  @AfterEach
  void stop() {
    notifier.close();
  }

  @Test
  void deploymentBodyIsTheContractExample() {
    notifier.deployment(new DeploymentNotice("kth-azure-app", "active",
        image("registry.example.org/team/kth-azure-app:2.9.202_3b01b96"),
        Optional.of("/kth-azure-app/"), Instant.ofEpochMilli(1732486400123L), Replicas.count(2),
        Map.of("se.kth.slackChannels", "#team-pipeline-build,#pipeline-logs",
            "se.kth.importance", "low",
            "se.kth.publicName.swedish", "Continuous delivery referens applikation",
            "se.kth.publicName.english", "Continuous Delivery Reference Application",
            "se.kth.description.swedish", "Referens applikation",
            "se.kth.description.english", "Reference application",
            "se.kth.monitorUrl", "https://app.example.org/kth-azure-app/_monitor",
            "se.kth.unknownToTheOldTool", "left out")));

    assertSameFields(onlyBodySentTo("/deployment"), examples.get("deployment"));
  }

  @Test
  void expectedErrorBodyHasChannelsAndNullStackTrace() {
    notifier.error(new ErrorNotice.DeployFailed("kth-azure-app", "active", "ResourcePolicy",
        "docker-stack.yml has bad resource policy", List.of("#team-pipeline-build", "#pipeline-logs"), Optional.empty(),
        false));

    assertSameFields(onlyBodySentTo("/error"), examples.get("error_expected"));
  }

  @Test
  void unexpectedErrorBodyHasStackTraceAndNullChannels() {
    notifier.error(new ErrorNotice.DeployFailed("kth-azure-app", "active", "Deploy", "Connection refused", List.of(),
        Optional.of("java.net.ConnectException: Connection refused\n\tat ..."), false));

    assertSameFields(onlyBodySentTo("/error"), examples.get("error_unexpected"));
  }

  @Test
  void recommendationBodyIsTheContractExample() {
    notifier.recommendation(new RecommendationNotice.MissingLabel("kth-azure-app", "se.kth.importance",
        "low, medium or high", List.of("#team-pipeline-build")));

    assertSameFields(onlyBodySentTo("/recommendation"), examples.get("recommendation"));
  }

  @Test
  void recoveryIsOnlyLoggedByDefaultAsTheOldToolSentNone() {
    notifier.recovery(recovery());
    notifier.error(new ErrorNotice.PassProblem("a later error", false));

    JsonNode body = onlyBodySentTo("/error");
    assertThat(body.get("message").textValue()).isEqualTo("Aspen's pass had a problem: a later error");
  }

  @Test
  void recoveryGoesToTheErrorEndpointInTheErrorBodyWhenAskedFor() {
    notifier.close();
    String base = endpoint.baseUrl();
    notifier = HttpNotifier.builder().errorUrl(URI.create(base + "/error")).sendRecoveries(true).build();
    notifier.recovery(recovery());

    JsonNode body = onlyBodySentTo("/error");
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("message", "slackChannels", "stackTrace");
    assertThat(body.get("message").textValue())
        .isEqualTo("Recovered: *active/app* deployed [busybox:1.2.4_0a1b2c3] (failing in step _Verify_ since 2026-01-01T00:00:00Z)");
    assertThat(body.get("slackChannels").textValue()).isEqualTo("#team");
    assertThat(body.get("stackTrace").isNull()).isTrue();
  }

  @Test
  void documentationLabelFieldsHaveTheOldToolsFieldNames() {
    notifier.deployment(new DeploymentNotice("app", "stage", image("busybox:1.0.0_abc"), Optional.empty(),
        Instant.ofEpochSecond(1), Replicas.count(1), Map.of("se.kth.publicUserDocumentationUrl", "https://docs.example.org/app",
            "se.kth.privateOperationsDocumentationUrl", "https://ops.example.org/app")));

    JsonNode body = onlyBodySentTo("/deployment");
    assertThat(body.get("publicUserDocumentationUrl").textValue()).isEqualTo("https://docs.example.org/app");
    assertThat(body.get("privateOperationsDocumentationUrl").textValue()).isEqualTo("https://ops.example.org/app");
    assertThat(fieldNames(body)).noneMatch(name -> name.startsWith("se.kth."));
  }

  @Test
  void aGlobalServiceSendsReplicasAsTheStringGlobal() {
    notifier.deployment(new DeploymentNotice("app", "stage", image("busybox:1.0.0_abc"), Optional.empty(),
        Instant.ofEpochSecond(1), Replicas.global(), Map.of()));

    assertThat(onlyBodySentTo("/deployment").get("replicas").textValue()).isEqualTo("global");
  }

  @Test
  void deploymentWithoutLabelsOrPathSendsOnlyTheDeployFieldsAndANullPath() {
    notifier.deployment(new DeploymentNotice("app", "stage", image("busybox:1.0.0_abc"), Optional.empty(),
        Instant.ofEpochSecond(1732486400), Replicas.count(1), Map.of()));

    JsonNode body = onlyBodySentTo("/deployment");
    assertThat(fieldNames(body)).containsExactlyInAnyOrder(
        "applicationName", "cluster", "version", "imageName", "applicationPath", "created", "replicas");
    assertThat(body.get("applicationPath").isNull()).isTrue();
    assertThat(body.get("created").textValue()).isEqualTo("1732486400.000");
  }

  @Test
  void aDeployThatPutBackADriftSaysSoInAReasonFieldBesideTheOldToolsFields() {
    notifier.deployment(new DeploymentNotice("app", "stage", image("busybox:1.0.0_abc"), Optional.empty(),
        Instant.ofEpochSecond(1732486400), Replicas.count(2), Map.of("se.kth.team", "pipeline"))
        .because(DeploymentNotice.Reason.DRIFT));

    JsonNode body = onlyBodySentTo("/deployment");
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("applicationName", "cluster", "version", "imageName", "applicationPath",
        "created", "replicas", "reason", "team");
    assertThat(body.get("reason").textValue()).isEqualTo("drift");
  }

  @Test
  void aLabelFieldCannotReplaceAFieldOfTheDeploy() {
    notifier.deployment(new DeploymentNotice("app", "stage", image("busybox:1.0.0_abc"), Optional.of("/app"),
        Instant.ofEpochSecond(1), Replicas.count(3), Map.of("cluster", "other", "se.kth.team", "pipeline")));

    JsonNode body = onlyBodySentTo("/deployment");
    assertThat(body.get("cluster").textValue()).isEqualTo("stage");
    assertThat(body.get("team").textValue()).isEqualTo("pipeline");
  }

  @Test
  void recommendationWithoutChannelsSendsNull() {
    notifier.recommendation(new RecommendationNotice.MissingLabel("app", "se.kth.team", "the team", List.of()));

    JsonNode body = onlyBodySentTo("/recommendation");
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("message", "slackChannels");
    assertThat(body.get("slackChannels").isNull()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "1732486400123, 1732486400.123",
    "1732486400005, 1732486400.005",
    "1732486400000, 1732486400.000",
    "999, 0.999",
  })
  void createdIsEpochSecondsWithMillisAsText(long epochMillis, String expected) {
    assertThat(NoticeJson.created(Instant.ofEpochMilli(epochMillis))).isEqualTo(expected);
  }

  private static Optional<ImageReference> image(String reference) {
    return Optional.of(ImageReference.parse(reference));
  }

  private static RecoveryNotice recovery() {
    return new RecoveryNotice("app", "active", List.of(ImageReference.parse("busybox:1.2.4_0a1b2c3")), "Verify",
        Instant.parse("2026-01-01T00:00:00Z"), List.of("#team"));
  }

  private JsonNode onlyBodySentTo(String path) {
    await().atMost(Duration.ofSeconds(10)).until(() -> notifier.delivered() == 1);
    endpoint.verify(1, putRequestedFor(urlEqualTo(path)).withHeader("Content-Type", equalTo("application/json")));
    List<LoggedRequest> requests = endpoint.findAll(putRequestedFor(urlEqualTo(path)));
    try {
      return MAPPER.readTree(requests.getFirst().getBody());
    } catch (IOException e) {
      throw new AssertionError("the body sent to " + path + " is not JSON", e);
    }
  }

  private static void assertSameFields(JsonNode actual, JsonNode expected) {
    assertThat(fieldNames(actual)).isEqualTo(fieldNames(expected));
    for (String name : fieldNames(expected)) {
      assertThat(actual.get(name)).as("field %s", name).isEqualTo(expected.get(name));
    }
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
