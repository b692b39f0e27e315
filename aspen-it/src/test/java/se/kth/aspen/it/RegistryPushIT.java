package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A real distribution registry's push notification reaches the running runner, which lists the
 * repository again and deploys the new tag in a pass over the apps on that repository only.
 */
class RegistryPushIT extends Scenario {

  @Test
  void aPushTheRegistryNotifiesDeploysTheAppsOnThatRepositoryAndNoOther() throws Exception {
    String token = "push-token-" + suffix;
    env.put("API_TOKEN", token);
    env.put("TAGS_REFRESH_SECS", "3600");
    String ranged = app("pushed");
    String other = app("bystander");
    String repository = "it-" + suffix + "/app";
    try (RunningAspen aspen = new RunningAspen(env, dir);
        NotifyingRegistry registry = NotifyingRegistry.aimedAt(aspen, token, dir.resolve("notifying"))) {
      registry.copy("1.2.3_def", repository, "1.2.0_a");
      StackFile pushed = StackFile.web();
      pushed.service("web").image(registry.host() + "/" + repository + ":${WEB_VERSION}").range("~1.2.0");
      writeStack(ranged, "active", pushed);
      StackFile bystander = StackFile.web();
      bystander.service("web").image("127.0.0.1:5000/busybox:${WEB_VERSION}").range("~1.2.0");
      writeStack(other, "active", bystander);
      git.commitAndPush("one app on the notifying registry, one on the shared one");

      assertThat(aspen.call("GET", "/api/v1/sync/start", Optional.of(token)).statusCode()).isEqualTo(200);
      JsonNode first = aspen.reportAfter("");
      assertThat(RunningAspen.result(first, ranged).path("status").asText()).as(first.toString()).isEqualTo("DEPLOYED");
      assertThat(RunningAspen.result(first, other).path("status").asText()).as(first.toString()).isEqualTo("DEPLOYED");
      assertThat(engine.serviceImage(ranged + "_web")).startsWith(registry.host() + "/" + repository + ":1.2.0_a@");

      String digest = registry.copy("1.2.4_0a1b2c3", repository, "1.2.5_b");
      JsonNode afterPush = aspen.reportAfter(first.path("startedAt").asText());

      assertThat(RunningAspen.result(afterPush, ranged).path("status").asText()).as(afterPush.toString())
          .isEqualTo("DEPLOYED");
      assertThat(engine.serviceImage(ranged + "_web")).isEqualTo(registry.host() + "/" + repository + ":1.2.5_b@" + digest);
      // Left out of the pass the push started: still the first pass's result, not UNCHANGED.
      assertThat(RunningAspen.result(afterPush, other).path("status").asText()).isEqualTo("DEPLOYED");
      assertThat(RunningAspen.result(afterPush, other).path("seconds").asDouble())
          .isEqualTo(RunningAspen.result(first, other).path("seconds").asDouble());

      JsonNode catalogue = Scenario.JSON.readTree(aspen.call("GET", "/api/v1/tags", Optional.empty()).body());
      assertThat(catalogue.path("repositories").toString()).contains(registry.host() + "/" + repository);
      String metrics = aspen.call("GET", "/metrics", Optional.empty()).body();
      assertThat(metrics).contains("aspen_registry_requests_total{outcome=\"ok\",registry=\"" + registry.host() + "\"}");
      assertThat(metrics).contains("aspen_tag_catalogue_age_seconds{repository=\"" + registry.host() + "/" + repository + "\"}");
      assertThat(aspen.stop()).isZero();
    }
  }
}
