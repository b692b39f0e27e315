package se.kth.aspen.runner.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.state.FileStateStore;
import se.kth.aspen.runner.state.WriteWatchingStateStore;

/** {@code /healthz} says degraded while the state store cannot be written, and ok once it can. */
class DegradedHealthTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private ApiFixture api;

  @AfterEach
  void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  private JsonNode health() throws Exception {
    var response = api.client.send("GET", "/healthz");
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void healthIsDegradedFromAFailedWriteUntilTheNextOneSucceeds() throws Exception {
    Path dir = temp.resolve("state");
    StateStore file = FileStateStore.open(dir.resolve("state.json"), Clock.systemUTC());
    api = new ApiFixture(Optional.empty(), Optional.empty(), ApiServer.Limits.DEFAULT,
        memory -> new WriteWatchingStateStore(file, Clock.systemUTC()));
    assertThat(health().path("status").asText()).isEqualTo("ok");

    file.recordSuccess(new TargetKey("test-group", "active", "a/active/docker-stack.yml"),
        new DeployRecord("fp", Instant.EPOCH, Map.of(), "rev"));
    // The directory replaced by a file: the next write fails as on a read-only disk.
    Files.move(dir, temp.resolve("moved"));
    Files.writeString(dir, "not a directory");
    assertThat(api.client.send("DELETE", "/api/v1/cache/test-group/active").statusCode()).isEqualTo(503);

    JsonNode degraded = health();
    assertThat(degraded.path("status").asText()).isEqualTo("degraded");
    assertThat(degraded.path("problems").get(0).asText()).contains("the state store cannot be written since",
        "deploys are not recorded");

    Files.delete(dir);
    Files.move(temp.resolve("moved"), dir);
    assertThat(api.client.send("DELETE", "/api/v1/cache/test-group/active").statusCode()).isEqualTo(200);
    assertThat(health().path("status").asText()).isEqualTo("ok");
  }
}
