package se.kth.aspen.runner.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

class ApiServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "s3cret-token";

  private ApiFixture api;

  @AfterEach
  void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  static Stream<Arguments> mutatingEndpoints() {
    return Stream.of(
        Arguments.of("GET", "/api/v1/sync/start"),
        Arguments.of("GET", "/api/v1/sync/stop"),
        Arguments.of("POST", "/api/v1/sync/trigger"),
        Arguments.of("DELETE", "/api/v1/cache/test-group/active/app-a"),
        Arguments.of("DELETE", "/api/v1/cache/test-group/active"),
        Arguments.of("POST", "/api/v1/applications/active/app-a/retry"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("mutatingEndpoints")
  void withATokenSetEveryMutatingEndpointRefusesAMissingOrWrongToken(String method, String path) throws Exception {
    api = new ApiFixture(Optional.of(TOKEN), Optional.empty());

    HttpResponse<String> none = api.client.send(method, path);
    HttpResponse<String> wrong = api.client.send(method, path, "not-the-token");
    HttpResponse<String> right = api.client.send(method, path, TOKEN);

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"aspen\"");
    assertThat(json(none).get("message").asText()).isEqualTo("this endpoint needs Authorization: Bearer <API_TOKEN>");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(right.statusCode()).isNotEqualTo(401);
    assertThat(api.passes.get()).as("a refused trigger starts nothing").isLessThanOrEqualTo(1);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("mutatingEndpoints")
  void withoutATokenTheMutatingEndpointsStayOpenAsTheOldToolsWere(String method, String path) throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty());
    assertThat(api.client.send(method, path).statusCode()).isNotEqualTo(401);
  }

  @Test
  void readEndpointsNeedNoTokenAndKeepTheOldBodies() throws Exception {
    api = new ApiFixture(Optional.of(TOKEN), Optional.empty());
    api.nextReport.set(Reports.report("abc123", Reports.deployed("app-a", "active", "reg/app-a:1.2.4")));

    assertThat(json(api.client.send("GET", "/api/v1/state"))).isEqualTo(JSON.readTree("{\"state\":\"STOPPED\"}"));
    assertThat(json(api.client.send("GET", "/api/v1/deployments"))).isEqualTo(JSON.readTree("{\"deployments\":0}"));
    api.passNow();
    assertThat(json(api.client.send("GET", "/api/v1/deployments"))).isEqualTo(JSON.readTree("{\"deployments\":1}"));
    assertThat(json(api.client.send("GET", "/api/v1/status/test-group")))
        .isEqualTo(JSON.readTree("{\"sync_thread_running\":false,\"cache_size\":0}"));
    HttpResponse<String> health = api.client.send("GET", "/healthz");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).get("status").asText()).isEqualTo("ok");
    assertThat(json(health).get("runner").asText()).as("which runner answered").isEqualTo(ApiFixture.RUNNER);
  }

  @Test
  void syncStartAndStopAnswerAsTheOldToolDidAndTurnTheLoopOnAndOff() throws Exception {
    api = new ApiFixture(Optional.of(TOKEN), Optional.empty());

    HttpResponse<String> start = api.client.send("GET", "/api/v1/sync/start", TOKEN);
    assertThat(start.statusCode()).isEqualTo(200);
    assertThat(json(start)).isEqualTo(JSON.readTree("{\"message\":\"Sync thread created and started\"}"));
    await().atMost(Duration.ofSeconds(10)).until(() -> api.passes.get() >= 1);
    assertThat(json(api.client.send("GET", "/api/v1/status/test-group")).get("sync_thread_running").asBoolean()).isTrue();

    HttpResponse<String> stop = api.client.send("GET", "/api/v1/sync/stop", TOKEN);
    assertThat(stop.statusCode()).isEqualTo(200);
    assertThat(json(stop)).isEqualTo(JSON.readTree("{\"message\":\"Sync thread stopped\"}"));
    await().atMost(Duration.ofSeconds(10)).until(() -> api.loop.state().name().equals("STOPPED"));
    assertThat(json(api.client.send("GET", "/api/v1/status/test-group")).get("sync_thread_running").asBoolean()).isFalse();

    HttpResponse<String> restart = api.client.send("GET", "/api/v1/sync/start", TOKEN);
    assertThat(restart.statusCode()).isEqualTo(200);
    assertThat(json(restart)).isEqualTo(JSON.readTree("{\"message\":\"Sync thread started\"}"));
  }

  @Test
  void startingARunningLoopOrStoppingAStoppedOneIs404AsInTheOldTool() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty());

    HttpResponse<String> stopped = api.client.send("GET", "/api/v1/sync/stop");
    assertThat(stopped.statusCode()).isEqualTo(404);
    assertThat(json(stopped)).isEqualTo(JSON.readTree("{\"message\":\"Sync thread already stopped\"}"));

    assertThat(api.client.send("GET", "/api/v1/sync/start").statusCode()).isEqualTo(200);
    HttpResponse<String> running = api.client.send("GET", "/api/v1/sync/start");
    assertThat(running.statusCode()).isEqualTo(404);
    assertThat(json(running)).isEqualTo(JSON.readTree("{\"message\":\"Sync thread already running\"}"));
  }

  @Test
  void deletingTheCacheOfAnAppNoPassHasSeenAnswersAsTheOldToolDid() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty());

    HttpResponse<String> response = api.client.send("DELETE", "/api/v1/cache/test-group/active/never-seen");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(JSON.readTree("{\"message\":\"Cache cleared\",\"forgotten\":0}"));
  }

  @Test
  void aTriggerStartsAPassAtOnce() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty());
    HttpResponse<String> response = api.client.send("POST", "/api/v1/sync/trigger");
    assertThat(response.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> api.passes.get() == 1);
  }

  @Test
  void applicationsGivesTheLastPassInTheContractFormat() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty());
    Instant since = Instant.parse("2026-11-25T20:00:00Z");
    api.nextReport.set(Reports.report("abc123",
        Reports.deployed("app-a", "active", "reg/app-a:1.2.4"),
        Reports.failed("app-b", "stage", "ResourcePolicy", "service web: deploy.resources.limits.memory is missing"),
        Reports.blocked("app-c", "active", since),
        Reports.held("app-d", "active", "aspen-2", since, "reg/app-d:2.0.0")));
    api.passNow();

    JsonNode body = json(api.client.send("GET", "/api/v1/applications"));

    assertThat(body.get("revision").asText()).isEqualTo("abc123");
    JsonNode results = body.get("results");
    assertThat(results).hasSize(4);
    assertThat(results.get(0).get("application").asText()).isEqualTo("app-a");
    assertThat(results.get(0).get("cluster").asText()).isEqualTo("active");
    assertThat(results.get(0).get("path").asText()).isEqualTo("app-a/active/docker-stack.yml");
    assertThat(results.get(0).get("status").asText()).isEqualTo("DEPLOYED");
    assertThat(results.get(0).get("images").get("web").asText()).isEqualTo("reg/app-a:1.2.4");
    assertThat(results.get(1).get("status").asText()).isEqualTo("FAILED");
    assertThat(results.get(1).get("step").asText()).isEqualTo("ResourcePolicy");
    assertThat(results.get(1).get("reason").asText()).isEqualTo("service web: deploy.resources.limits.memory is missing");
    assertThat(results.get(2).get("status").asText()).isEqualTo("BLOCKED");
    assertThat(results.get(2).get("since").asText()).isEqualTo("2026-11-25T20:00:00Z");
    assertThat(results.get(3).get("status").asText()).isEqualTo("HELD");
    assertThat(results.get(3).get("heldBy").asText()).isEqualTo("aspen-2");
    assertThat(results.get(3).get("since").asText()).isEqualTo("2026-11-25T20:00:00Z");
    assertThat(results.get(3).get("images").get("web").asText()).as("the last recorded deploy").isEqualTo("reg/app-d:2.0.0");
    assertThat(results.get(3).has("failure")).isFalse();
  }

  @Test
  void oneApplicationOnOneClusterIsServedWhereCommitStatusesLink() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty());
    api.nextReport.set(Reports.report("abc123",
        Reports.deployed("app-a", "active", "reg/app-a:1.2.4"),
        Reports.failed("app-a", "stage", "ResourcePolicy", "service web: deploy.resources.limits.memory is missing")));
    api.passNow();

    HttpResponse<String> found = api.client.send("GET", "/api/v1/applications/stage/app-a");
    HttpResponse<String> missing = api.client.send("GET", "/api/v1/applications/stage/app-z");

    assertThat(found.statusCode()).isEqualTo(200);
    JsonNode body = json(found);
    assertThat(body.get("cluster").asText()).isEqualTo("stage");
    assertThat(body.get("status").asText()).isEqualTo("FAILED");
    assertThat(body.get("step").asText()).isEqualTo("ResourcePolicy");
    assertThat(body.get("revision").asText()).isEqualTo("abc123");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("message").asText()).isEqualTo("the last pass has no app app-z on cluster stage");
  }

  @Test
  void retryUnblocksAFailedAppKeepingItsLastGoodDeployAndStartsAPass() throws Exception {
    api = new ApiFixture(Optional.of(TOKEN), Optional.empty());
    api.nextReport.set(Reports.report("abc123", Reports.blocked("app-c", "active", Instant.now())));
    api.passNow();
    TargetKey key = new TargetKey(ApiFixture.GROUP, "active", "app-c/active/docker-stack.yml");
    DeployRecord good = new DeployRecord("fp-good", Instant.now(), Map.of("web", "reg/app-c:1.0.0"), "rev1");
    api.state.recordSuccess(key, good);
    api.state.recordFailure(key, new FailureRecord("fp-bad", Instant.now(), "Verify", "did not converge", 1));
    int passesBefore = api.passes.get();

    HttpResponse<String> refused = api.client.send("POST", "/api/v1/applications/active/app-c/retry");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(api.state.read(key).lastFailed()).isPresent();

    HttpResponse<String> retried = api.client.send("POST", "/api/v1/applications/active/app-c/retry", TOKEN);
    assertThat(retried.statusCode()).isEqualTo(202);
    assertThat(api.state.read(key)).isEqualTo(new TargetState(Optional.of(good), Optional.empty()));
    await().atMost(Duration.ofSeconds(10)).until(() -> api.passes.get() > passesBefore);

    HttpResponse<String> again = api.client.send("POST", "/api/v1/applications/active/app-c/retry", TOKEN);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).get("message").asText()).isEqualTo("active/app-c has no failed deploy to retry");
    HttpResponse<String> unknown = api.client.send("POST", "/api/v1/applications/active/nope/retry", TOKEN);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("message").asText()).isEqualTo("the last pass found no application nope on cluster active");
  }

  @Test
  void deletingAnAppsCacheForgetsItsStateSoItRedeploys() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty());
    api.nextReport.set(Reports.report("abc123", Reports.deployed("app-a", "active", "reg/app-a:1")));
    api.passNow();
    TargetKey key = new TargetKey(ApiFixture.GROUP, "active", "app-a/active/docker-stack.yml");
    api.state.recordSuccess(key, new DeployRecord("fp", Instant.now(), Map.of(), "rev"));
    assertThat(json(api.client.send("GET", "/api/v1/status/test-group")).get("cache_size").asLong()).isEqualTo(1);

    HttpResponse<String> response = api.client.send("DELETE", "/api/v1/cache/test-group/active/app-a");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.state.read(key)).isEqualTo(TargetState.NONE);
    assertThat(json(api.client.send("GET", "/api/v1/status/test-group")).get("cache_size").asLong()).isZero();
  }

  @Test
  void metricsAreServedInThePrometheusTextFormat() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty());
    api.nextReport.set(Reports.report("abc123", Reports.deployed("app-a", "active", "reg/app-a:1")));
    api.passNow();

    HttpResponse<String> response = api.client.send("GET", "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    var families = se.kth.aspen.runner.metrics.PrometheusText.parse(response.body());
    assertThat(families).containsKeys("aspen_pass_duration_seconds", "aspen_apps", "aspen_deploys_total",
        "aspen_last_pass_timestamp_seconds", "aspen_registry_revision_info", "jvm_memory_used_bytes");
  }

  @Test
  void malformedRequestsGetA4xxAndTheServerKeepsAnswering() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty());

    assertThat(api.client.send("POST", "/api/v1/state").statusCode()).isEqualTo(405);
    assertThat(api.client.send("GET", "/api/v1/sync/trigger").statusCode()).isEqualTo(405);
    assertThat(api.client.send("GET", "/api/v1/nothing-here").statusCode()).isEqualTo(404);
    assertThat(api.client.send("DELETE", "/api/v1/cache/g/%2e%2e/x").statusCode()).isEqualTo(400);
    assertThat(api.client.raw("DELETE /api/v1/cache/g/%zz/x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 400");
    assertThat(api.client.raw("NONSENSE\r\n\r\n")).satisfiesAnyOf(
        line -> assertThat(line).isEmpty(), line -> assertThat(line).startsWith("HTTP/1.1 400"));
    assertThat(api.client.send("POST", "/api/v1/sync/trigger", Map.of(), new byte[(1 << 20) + 10]).statusCode())
        .isEqualTo(413);
    assertThat(api.client.send("GET", "/healthz").statusCode()).isEqualTo(200);
  }
}
