package se.kth.aspen.runner.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.state.InMemoryStateStore;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.loop.SyncLoop;
import se.kth.aspen.runner.metrics.PassMetrics;

/**
 * A runner starting while the one it replaces still listens on the same port, as in a Swarm
 * start-first update on the host network: both listen, and the new one answers once the old
 * one has stopped.
 */
class SharedPortTest {

  @Test
  void aSecondRunnerListensOnThePortTheFirstStillHoldsAndServesAfterItStops() throws Exception {
    try (ApiServer old = start("old", 0)) {
      int port = old.port();
      try (ApiServer upgraded = start("new", port)) {
        assertThat(upgraded.port()).isEqualTo(port);
        old.close();

        var health = new ApiClient(port).send("GET", "/healthz");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"runner\":\"new\"");
      }
    }
  }

  private static ApiServer start(String runner, int port) throws Exception {
    SyncLoop loop = new SyncLoop(listener -> {
      throw new AssertionError("no pass in this test");
    }, Duration.ofHours(1), List.of());
    ApiBackend backend = new ApiBackend(loop, new InMemoryStateStore(Clock.systemUTC()), "group", runner, target -> false, new PassMetrics());
    return ApiServer.start(new Configuration.Api("127.0.0.1", port, Optional.empty(), Optional.empty()), backend, Clock.systemUTC());
  }
}
