package se.kth.aspen.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import se.kth.aspen.runner.Adapters;
import se.kth.aspen.runner.cli.Cli;
import se.kth.aspen.runner.cli.CliContext;

/**
 * {@code aspen run} in this JVM exactly as the command line starts it (loop, HTTP API, the
 * runner's composition), stopped by the test as SIGTERM would stop it.
 */
final class RunningAspen implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicInteger exit = new AtomicInteger(-1);
  private final Thread thread;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  RunningAspen(Map<String, String> baseEnv, Path workingDirectory) {
    this.port = freePort();
    Map<String, String> env = new HashMap<>(baseEnv);
    env.put("ASPEN_API_PORT", Integer.toString(port));
    env.put("ASPEN_API_BIND", "127.0.0.1");
    env.putIfAbsent("DELAY_SECS_BETWEEN_RUNS", "3600");
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    CliContext context = new CliContext(env, workingDirectory, out, out, Adapters::open, stop::await, Clock.systemUTC());
    this.thread = Thread.ofPlatform().name("aspen-run-under-test").start(() -> exit.set(Cli.execute(context, "run")));
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> call("GET", "/api/v1/state", Optional.empty()).statusCode() == 200);
  }

  /** Asks for a pass through the API and waits for its report there. */
  JsonNode pass(Optional<String> token) {
    String before = applications().path("startedAt").asText("");
    HttpResponse<String> triggered = call("POST", "/api/v1/sync/trigger", token);
    if (triggered.statusCode() != 202) {
      throw new IllegalStateException("trigger refused: " + triggered.statusCode() + " " + triggered.body());
    }
    return reportAfter(before);
  }

  /** Waits for the report of a pass that started after the one that started at {@code startedAt}. */
  JsonNode reportAfter(String startedAt) {
    await().atMost(Duration.ofMinutes(3)).until(() -> {
      JsonNode now = applications();
      return !now.path("startedAt").asText("").equals(startedAt) && !"RUNNING".equals(state());
    });
    return applications();
  }

  JsonNode applications() {
    return json(call("GET", "/api/v1/applications", Optional.empty()).body());
  }

  String state() {
    return json(call("GET", "/api/v1/state", Optional.empty()).body()).path("state").asText();
  }

  HttpResponse<String> call(String method, String path, Optional<String> token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The API's port. */
  int port() {
    return port;
  }

  /** What the command printed. */
  String output() {
    return output.toString(StandardCharsets.UTF_8);
  }

  boolean alive() {
    return thread.isAlive();
  }

  /** Stops it as SIGTERM does; returns the exit code. */
  int stop() throws InterruptedException {
    stop.countDown();
    thread.join(Duration.ofSeconds(60));
    return exit.get();
  }

  @Override
  public void close() throws InterruptedException {
    if (thread.isAlive()) {
      stop();
    }
  }

  static JsonNode result(JsonNode document, String app) {
    for (JsonNode r : document.path("results")) {
      if (r.path("application").asText().equals(app)) {
        return r;
      }
    }
    throw new AssertionError("no result for " + app + " in " + document);
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
