package se.kth.aspen.runner.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real jar as a child process, stopped by SIGTERM as a container runtime would stop it. */
class RunnerProcessIT {

  private static final Pattern LISTENING = Pattern.compile("HTTP API listening on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;

  private Process process;
  private Path stderr;
  private final List<Socket> held = new ArrayList<>();

  @AfterEach
  void cleanUp() throws IOException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
    for (Socket socket : held) {
      socket.close();
    }
  }

  private Map<String, String> quietConfiguration(String clusterStatus, boolean isFile) throws IOException {
    Path registry = Files.createDirectories(dir.resolve("registry"));
    return Map.of(
        "HOME", dir.toString(),
        "REGISTRY_REPOSITORY_URL", registry.toString(),
        "CLUSTER_STATUS_API_URL", clusterStatus,
        "CLUSTER_STATUS_URL_IS_FILE", isFile ? "1" : "",
        "CLUSTERS_TO_DEPLOY", "*",
        "ASPEN_STATE_DIR", dir.resolve("state").toString(),
        "ASPEN_API_PORT", "0",
        "ASPEN_API_BIND", "127.0.0.1",
        "SYNC_START_ON_RUN", "1",
        "DELAY_SECS_BETWEEN_RUNS", "1");
  }

  private int start(Map<String, String> env) throws IOException {
    stderr = dir.resolve("stderr.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = System.getProperty("aspen.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("system property aspen.jar (" + jar + ") names no jar: run this IT through Failsafe after package");
    }
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar, "run");
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    // A file, not a pipe: nothing the process wrote before it exited can be lost to a reader race.
    builder.redirectError(stderr.toFile());
    process = builder.start();
    await().atMost(Duration.ofSeconds(60)).failFast(() -> !process.isAlive())
        .until(() -> LISTENING.matcher(log()).find());
    Matcher m = LISTENING.matcher(log());
    assertThat(m.find()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private String log() throws IOException {
    return Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
  }

  @Test
  void sigtermEndsTheLoopCleanlyWithExitCode0() throws Exception {
    Path clusters = Files.writeString(dir.resolve("clusters.json"), "[]");
    int port = start(quietConfiguration(clusters.toString(), true));
    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    HttpClient client = HttpClient.newHttpClient();
    await().atMost(Duration.ofSeconds(60)).until(() -> client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
        HttpResponse.BodyHandlers.ofString()).body().contains("lastPassStartedAt"));

    process.destroy();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within the bound").isTrue();
    assertThat(process.exitValue()).as(log()).isZero();
    assertThat(log()).contains("asked to stop: finishing", "aspen stopped cleanly");
  }

  @Test
  void theOldToolsEnvironmentIsSpokenAboutOnceAtStartAndDebugTurnsOnDebugLines() throws Exception {
    Path clusters = Files.writeString(dir.resolve("clusters.json"), "[]");
    Map<String, String> env = new java.util.HashMap<>(quietConfiguration(clusters.toString(), true));
    env.put("DEBUG", "");
    env.put("PUSH_TO_PROMETHEUS", "true");
    start(env);

    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    List<String> lines = log().lines().toList();
    assertThat(lines).filteredOn(l -> l.contains("REDIS_URL is not set: state is kept in the embedded store")).hasSize(1)
        .allMatch(l -> l.contains(" INFO "));
    assertThat(lines).filteredOn(l -> l.contains("PUSH_TO_PROMETHEUS is set but not used")).hasSize(1)
        .allMatch(l -> l.contains(" WARN "));
    assertThat(lines).anyMatch(l -> l.contains(" DEBUG "));
  }

  @Test
  void withLogFormatJsonEveryLogLineIsOneJsonObject() throws Exception {
    Path clusters = Files.writeString(dir.resolve("clusters.json"), "[]");
    Map<String, String> env = new java.util.HashMap<>(quietConfiguration(clusters.toString(), true));
    env.put("LOG_FORMAT", "json");
    env.put("API_TOKEN", "token-that-must-not-be-logged");
    start(env);

    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> lines = log().lines().toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      assertThat(json.readTree(line).get("formattedMessage")).as(line).isNotNull();
    }
    assertThat(log()).contains("aspen stopped cleanly").doesNotContain("token-that-must-not-be-logged");
  }

  @Test
  void sigtermDuringAPassThatHangsAbandonsItWithinTheGraceAndStillExits0() throws Exception {
    // A cluster status API that accepts connections and never answers: the pass hangs on it.
    ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().start(() -> {
      try {
        while (true) {
          held.add(silent.accept());
        }
      } catch (IOException e) {
        // closed at the end of the test
      }
    });
    Map<String, String> env = new java.util.HashMap<>(
        quietConfiguration("http://127.0.0.1:" + silent.getLocalPort() + "/clusters", false));
    env.put("REQUEST_TIMEOUT", "600");
    env.put("SHUTDOWN_GRACE_SECS", "1");
    start(env);
    await().atMost(Duration.ofSeconds(30)).until(() -> !held.isEmpty());

    process.destroy();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within the bound").isTrue();
    assertThat(process.exitValue()).as(log()).isZero();
    assertThat(log()).contains("did not finish within 1s; abandoning it");
    silent.close();
  }

  @Test
  void fiftySlowClientsDoNotKeepHealthzAndMetricsFromAnswering() throws Exception {
    Path clusters = Files.writeString(dir.resolve("clusters.json"), "[]");
    int port = start(quietConfiguration(clusters.toString(), true));
    byte[] head = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-a: b".getBytes(StandardCharsets.ISO_8859_1);
    // Slowloris: 50 connections that never finish their head, each topped up with a byte between
    // probes and reopened as soon as the server drops it.
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      slow.add(slowSocket(port, head));
    }
    // A server that slow clients starve answers a probe only once it has dropped some of them.
    // So a probe counts when all 50 are still open after its answer came: then they were open
    // while it was served. Asking that, and not for an answer within a fixed time, keeps the test
    // true on a loaded machine, where a probe may be slow for reasons of its own; such a probe,
    // overtaken by the server's own deadline for the slow heads, is just not counted.
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    Map<String, Integer> servedBesideAllFifty = new java.util.HashMap<>(Map.of("/healthz", 0, "/metrics", 0));
    // Long enough for the server to drop and the attacker to reopen every slow connection twice.
    long end = System.nanoTime() + Duration.ofSeconds(12).toNanos();
    // A bound for a server that fails, not a time anything must happen within.
    long giveUp = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < giveUp
        && (System.nanoTime() < end || servedBesideAllFifty.values().stream().anyMatch(n -> n < 5))) {
      for (String path : List.of("/healthz", "/metrics")) {
        keepSlow(slow, port, head);
        HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        if (slow.stream().allMatch(RunnerProcessIT::stillOpen)) {
          servedBesideAllFifty.merge(path, 1, Integer::sum);
        }
      }
      Thread.sleep(200);
    }
    for (Socket socket : slow) {
      socket.close();
    }
    assertThat(servedBesideAllFifty).as("probes answered while all 50 slow connections were open")
        .allSatisfy((path, served) -> assertThat(served).as(path).isGreaterThanOrEqualTo(5));
    assertThat(log()).contains("sent no complete request within");
  }

  /** Adds a byte to each slow head; reopens the ones the server has closed. */
  private void keepSlow(List<Socket> slow, int port, byte[] head) throws IOException {
    for (int i = 0; i < slow.size(); i++) {
      Socket socket = slow.get(i);
      if (stillOpen(socket)) {
        try {
          socket.getOutputStream().write('x');
          continue;
        } catch (IOException dropped) {
          // reopened below
        }
      }
      socket.close();
      try {
        slow.set(i, slowSocket(port, head));
      } catch (IOException e) {
        // the listen queue is full for a moment: the closed socket is retried next round
      }
    }
  }

  /**
   * Whether the server has not closed this connection: on loopback its close is in our receive
   * queue as soon as it happened, so a read that finds nothing to read (and no end) means open.
   */
  private static boolean stillOpen(Socket socket) {
    try {
      socket.setSoTimeout(1);
      socket.getInputStream().read();
      // An end, or bytes of a response: the server is done with this head either way.
      return false;
    } catch (java.net.SocketTimeoutException nothingYet) {
      return true;
    } catch (IOException reset) {
      return false;
    }
  }

  private Socket slowSocket(int port, byte[] head) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    held.add(socket);
    socket.getOutputStream().write(head);
    return socket;
  }
}
