package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A push does not wait for a pass under way: while the runner's pass waits for one app's service
 * to become healthy (its health check passes only after 25 s), the real registry's notification
 * of a push for another app's repository gets that app's service written at once, by a pass of
 * its own beside the first.
 */
class PushBesidePassIT extends Scenario {

  @Test
  void aPushDuringAPassHeldUpByASlowServiceIsDeployedBeforeThatPassEnds() throws Exception {
    String token = "push-token-" + suffix;
    env.put("API_TOKEN", token);
    env.put("TAGS_REFRESH_SECS", "3600");
    String slow = app("slow");
    String quick = app("quick");
    String slowRepository = "it-" + suffix + "/slow";
    String quickRepository = "it-" + suffix + "/quick";
    try (RunningAspen aspen = new RunningAspen(env, dir);
        NotifyingRegistry registry = NotifyingRegistry.aimedAt(aspen, token, dir.resolve("notifying"));
        ServiceEvents events = new ServiceEvents()) {
      registry.copy("1.2.3_def", slowRepository, "1.2.0_a");
      registry.copy("1.2.3_def", quickRepository, "1.2.0_a");
      StackFile held = StackFile.web();
      held.service("web").image(registry.host() + "/" + slowRepository + ":${WEB_VERSION}").range("~1.2.0")
          .command("sleep 25; touch /tmp/ready; exec sleep 3600").healthcheck("test -f /tmp/ready");
      writeStack(slow, "active", held);
      StackFile free = StackFile.web();
      free.service("web").image(registry.host() + "/" + quickRepository + ":${WEB_VERSION}").range("~1.2.0");
      writeStack(quick, "active", free);
      git.commitAndPush("one app whose service takes 25 s to be healthy, one that starts at once");

      assertThat(aspen.call("GET", "/api/v1/sync/start", Optional.of(token)).statusCode()).isEqualTo(200);
      // The first pass deploys both; the quick app is up while the pass still waits for the slow one.
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> engine.serviceImage(quick + "_web").contains(":1.2.0_a@"));
      assertThat(aspen.state()).isEqualTo("RUNNING");
      assertThat(aspen.applications().path("startedAt").asText("")).as("no pass has ended: the first waits for %s", slow)
          .isEmpty();

      Instant pushed = Instant.now();
      registry.copy("1.2.4_0a1b2c3", quickRepository, "1.2.5_b");

      await().atMost(Duration.ofSeconds(12))
          .until(() -> !events.since(pushed, "update", List.of(quick + "_web")).isEmpty());
      assertThat(wholePassRunning(aspen)).as("written while the first pass still waits for %s", slow).isTrue();
      assertThat(engine.serviceImage(quick + "_web")).contains(":1.2.5_b@");

      await().atMost(Duration.ofSeconds(60)).until(() -> aspen.state().equals("WAITING"));
      JsonNode report = aspen.applications();
      assertThat(RunningAspen.result(report, slow).path("status").asText()).as(report.toString()).isEqualTo("DEPLOYED");
      // The pass beside ended first, but the first pass's older result for the quick app does not come back.
      JsonNode quickResult = RunningAspen.result(report, quick);
      assertThat(quickResult.path("status").asText()).as(report.toString()).isEqualTo("DEPLOYED");
      assertThat(quickResult.toString()).contains("1.2.5_b");
      assertThat(engine.serviceImage(slow + "_web")).contains(":1.2.0_a@");
      assertThat(aspen.stop()).isZero();
    }
  }

  private static boolean wholePassRunning(RunningAspen aspen) throws java.io.IOException {
    JsonNode state = Scenario.JSON.readTree(aspen.call("GET", "/healthz", Optional.empty()).body());
    for (JsonNode pass : state.path("passes")) {
      if (pass.path("kind").asText().equals("whole")) {
        return true;
      }
    }
    return false;
  }
}
