package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.kth.aspen.runner.Adapters;
import se.kth.aspen.runner.cli.Cli;
import se.kth.aspen.runner.cli.CliContext;

/**
 * {@code plan --cached} resolves ranges from the tag lists a running runner keeps, as its next
 * pass would; {@code plan} alone asks the registry. Real runner, real registry, real Redis.
 */
class PlanCachedIT extends Scenario {

  private final RegistryImages images = new RegistryImages();
  private final String repository = "it-" + suffix + "/cached";

  @AfterEach
  void removeTags() {
    images.removePushed();
  }

  @Test
  void planCachedResolvesFromTheRunnersListsAndPlanAloneAsksTheRegistry() throws Exception {
    String token = "plan-token-" + suffix;
    env.put("API_TOKEN", token);
    env.put("TAGS_REFRESH_SECS", "3600");
    env.put("SKIP_DEPLOYMENT", "1");
    String ranged = app("cached");
    images.push(repository, "1.2.0_a", "1.2.3_def");
    StackFile stack = StackFile.web();
    stack.service("web").image("127.0.0.1:5000/" + repository + ":${WEB_VERSION}").range("~1.2.0");
    writeStack(ranged, "active", stack);
    git.commitAndPush("an app on a repository of its own");

    try (RunningAspen aspen = new RunningAspen(env, dir)) {
      JsonNode recorded = aspen.pass(Optional.of(token));
      assertThat(RunningAspen.result(recorded, ranged).path("status").asText()).as(recorded.toString())
          .isEqualTo("CHANGED");
      // The shared registry sends no notifications: the runner's list stays as it was.
      images.push(repository, "1.2.5_b", "1.2.4_0a1b2c3");
      String runner = "http://127.0.0.1:" + aspen.port();

      Result cached = plan(token, "plan", "--json", "--cached=" + runner);
      Result direct = plan(token, "plan", "--json");
      Result refused = plan("not-" + token, "plan", "--json", "--cached=" + runner);

      assertThat(cached.code).as(cached.err).isZero();
      JsonNode fromRunner = RunningAspen.result(JSON.readTree(cached.out), ranged);
      // Recorded, never deployed (SKIP_DEPLOYMENT): the desired state is the recorded one, and the
      // drift check sees no stack running, hence DRIFTED rather than UNCHANGED; CHANGED it is not.
      assertThat(fromRunner.path("status").asText()).as(cached.err + cached.out).isEqualTo("DRIFTED");
      assertThat(fromRunner.path("images").path("web").asText()).contains(":1.2.0_a");
      assertThat(cached.err).contains("plan --cached: tag lists of 1 repositories from the runner at " + runner,
          "0 asked of the registry");

      assertThat(direct.code).as(direct.err).isZero();
      JsonNode fromRegistry = RunningAspen.result(JSON.readTree(direct.out), ranged);
      assertThat(fromRegistry.path("status").asText()).as(direct.out).isEqualTo("CHANGED");
      assertThat(fromRegistry.path("images").path("web").asText()).contains(":1.2.5_b");

      assertThat(refused.code).isEqualTo(2);
      assertThat(refused.out).isEmpty();
      assertThat(refused.err).contains("plan --cached: the runner at " + runner + " refused the API_TOKEN given (HTTP 401)");
      assertThat(aspen.call("GET", "/api/v1/tags?lists=true", Optional.empty()).statusCode()).isEqualTo(401);
      assertThat(aspen.stop()).isZero();
    }
  }

  private Result plan(String apiToken, String... args) {
    Map<String, String> planEnv = new HashMap<>(env);
    planEnv.put("API_TOKEN", apiToken);
    planEnv.put("REGISTRY_SUB_DIRECTORY", dir.resolve("plan-checkout").toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext context = new CliContext(planEnv, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Adapters::open, () -> {
          throw new InterruptedException("not waited for");
        }, Clock.systemUTC());
    int code = Cli.execute(context, args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Result(int code, String out, String err) {}
}
