package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the retry endpoint of the running runner unblocks the one app it names, and only
 * with the token.
 */
class RetryApiIT extends Scenario {

  private final String first = app("blockedone");
  private final String second = app("blockedtwo");

  @Test
  void theRetryEndpointUnblocksOneAppAndOnlyWithTheToken() throws Exception {
    env.put("VERIFY_START_RETRY_TIMES", "3");
    env.put("API_TOKEN", "retry-token-" + suffix);
    for (String app : java.util.List.of(first, second)) {
      StackFile stack = StackFile.web();
      stack.service("web").memoryReservation("512G");
      writeStack(app, "active", stack);
    }
    git.commitAndPush("two apps no node can hold");
    Optional<String> token = Optional.of("retry-token-" + suffix);
    try (RunningAspen aspen = new RunningAspen(env, dir)) {
      JsonNode failed = aspen.pass(token);
      assertThat(RunningAspen.result(failed, first).path("status").asText()).as(failed.toString()).isEqualTo("FAILED");
      JsonNode blocked = aspen.pass(token);
      assertThat(RunningAspen.result(blocked, first).path("status").asText()).isEqualTo("BLOCKED");
      assertThat(RunningAspen.result(blocked, second).path("status").asText()).isEqualTo("BLOCKED");
      String retry = "/api/v1/applications/active/" + first + "/retry";

      assertThat(aspen.call("POST", retry, Optional.empty()).statusCode()).isEqualTo(401);
      assertThat(aspen.call("POST", retry, Optional.of("wrong")).statusCode()).isEqualTo(401);
      JsonNode stillBlocked = aspen.pass(token);
      assertThat(RunningAspen.result(stillBlocked, first).path("status").asText()).isEqualTo("BLOCKED");

      String lastPass = stillBlocked.path("startedAt").asText();
      assertThat(aspen.call("POST", retry, token).statusCode()).as("accepted, and a pass is on its way").isEqualTo(202);
      JsonNode retried = aspen.reportAfter(lastPass);
      assertThat(RunningAspen.result(retried, first).path("status").asText()).as(retried.toString()).isEqualTo("FAILED");
      assertThat(RunningAspen.result(retried, first).path("failure").asText()).isEqualTo("TRIED_AND_FAILED");
      assertThat(RunningAspen.result(retried, second).path("status").asText()).isEqualTo("BLOCKED");
      assertThat(aspen.stop()).isZero();
    }
  }
}
