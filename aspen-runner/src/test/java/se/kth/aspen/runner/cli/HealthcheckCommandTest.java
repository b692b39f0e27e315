package se.kth.aspen.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.state.InMemoryStateStore;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.http.ApiBackend;
import se.kth.aspen.runner.http.ApiServer;
import se.kth.aspen.runner.loop.SyncLoop;
import se.kth.aspen.runner.metrics.PassMetrics;

/** {@code aspen healthcheck}, the image's health probe, against the runner's own API. */
class HealthcheckCommandTest {

  @TempDir Path dir;

  @Test
  void exitsZeroWhenTheRunnerOnTheConfiguredPortAnswersHealthz() throws Exception {
    SyncLoop loop = new SyncLoop(listener -> {
      throw new AssertionError("no pass in this test");
    }, Duration.ofHours(1), List.of());
    ApiBackend backend = new ApiBackend(loop, new InMemoryStateStore(Clock.systemUTC()), "group", "runner-1",
        target -> false, new PassMetrics());
    try (ApiServer server = ApiServer.start(new Configuration.Api("127.0.0.1", 0, Optional.empty(), Optional.empty()),
        backend, Clock.systemUTC())) {
      CliRun run = CliRun.of(Map.of("ASPEN_API_PORT", Integer.toString(server.port()), "ASPEN_API_BIND", "0.0.0.0"),
          dir, "healthcheck");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(run.out()).contains("healthy: 127.0.0.1:" + server.port());
    }
  }

  @Test
  void exitsOneNamingTheAddressWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    CliRun run = CliRun.of(Map.of(), dir, "healthcheck", "--port", Integer.toString(port), "--timeout", "1");

    assertThat(run.exitCode).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err).contains("no answer from 127.0.0.1:" + port);
  }

  @Test
  void exitsOneWithTheStatusWhenSomethingElseAnswers() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer = Thread.ofVirtual().start(() -> {
        try (Socket client = socket.accept(); InputStream in = client.getInputStream()) {
          in.readNBytes(16);
          client.getOutputStream().write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          // the test fails on the exit code then
        }
      });

      CliRun run = CliRun.of(Map.of("ASPEN_API_PORT", Integer.toString(socket.getLocalPort())), dir, "healthcheck");
      answer.join();

      assertThat(run.exitCode).isEqualTo(ExitCodes.FAILED);
      assertThat(run.err).contains("answered HTTP/1.1 404");
    }
  }
}
