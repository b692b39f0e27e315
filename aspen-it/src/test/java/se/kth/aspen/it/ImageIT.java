package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aspen's image (scripts/build-image.sh, built by this module before its ITs) as a user runs it:
 * it answers --version with the revision it was built from, carries its labels, user, JVM
 * options and health check, becomes healthy, and stops cleanly on SIGTERM.
 */
class ImageIT {

  static final String IMAGE = AspenImage.tag();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Engine engine = new Engine();
  private final String container = "aspen-image-it-" + UUID.randomUUID().toString().substring(0, 8);
  @TempDir Path dir;

  @AfterEach
  void removeContainer() {
    try {
      engine.docker("rm", "-f", container);
    } catch (IllegalStateException e) {
      // never started
    }
  }

  private JsonNode inspectImage() throws IOException {
    return JSON.readTree(engine.docker("image", "inspect", IMAGE, "--format", "{{json .Config}}"));
  }

  @Test
  void theImageAnswersVersionWithTheGitRevisionItWasBuiltFrom() throws Exception {
    String revision = inspectImage().path("Labels").path("org.opencontainers.image.revision").asText();

    String version = engine.docker("run", "--rm", "--network", "none", IMAGE, "--version");

    assertThat(revision).matches("[0-9a-f]{40}(-dirty)?");
    assertThat(version).contains("aspen ").contains("(git " + revision + ")");
  }

  @Test
  void theImageRunsAsItsOwnUserWithTheLaunchersOptionsLabelsAndHealthCheck() throws Exception {
    JsonNode config = inspectImage();

    assertThat(config.path("User").asText()).isEqualTo("10001");
    assertThat(config.path("StopSignal").asText()).isEqualTo("SIGTERM");
    assertThat(JSON.convertValue(config.path("Entrypoint"), String[].class))
        .contains("-XX:+UseSerialGC", "-Xms16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1")
        .endsWith("-jar", "/opt/aspen/aspen.jar");
    assertThat(JSON.convertValue(config.path("Cmd"), String[].class)).containsExactly("run");
    assertThat(JSON.convertValue(config.path("Healthcheck").path("Test"), String[].class)).endsWith("healthcheck");
    JsonNode labels = config.path("Labels");
    assertThat(labels.path("org.opencontainers.image.version").asText()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    assertThat(labels.path("org.opencontainers.image.source").asText()).startsWith("https://");
  }

  @Test
  void aContainerBecomesHealthyAndStopsCleanlyOnSigterm() throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.createDirectories(config.resolve("registry"));
    Files.writeString(config.resolve("clusters.json"), "[]");
    for (Path path : new Path[] {dir, config, config.resolve("registry")}) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.setPosixFilePermissions(config.resolve("clusters.json"), PosixFilePermissions.fromString("rw-r--r--"));
    int port = freePort();

    engine.docker("run", "-d", "--name", container, "--network", "host", "--health-interval", "1s",
        "-e", "ASPEN_API_PORT=" + port, "-e", "ASPEN_API_BIND=127.0.0.1", "-e", "ASPEN_RUNNER_NAME=image-it",
        "-e", "SYNC_START_ON_RUN=1", "-e", "REGISTRY_REPOSITORY_URL=/etc/aspen/registry",
        "-e", "CLUSTER_STATUS_API_URL=/etc/aspen/clusters.json", "-e", "CLUSTER_STATUS_URL_IS_FILE=1", "-e", "CLUSTERS_TO_DEPLOY=*",
        "-v", config + ":/etc/aspen:ro", IMAGE);

    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> engine.docker("inspect", container, "--format", "{{.State.Health.Status}}").strip(), "healthy"::equals);
    JsonNode health = JSON.readTree(get(port, "/healthz"));
    assertThat(health.path("runner").asText()).isEqualTo("image-it");
    assertThat(engine.docker("inspect", container, "--format", "{{.Config.User}}").strip()).isEqualTo("10001");

    engine.docker("stop", "--time", "40", container);

    assertThat(engine.docker("inspect", container, "--format", "{{.State.ExitCode}}").strip()).isEqualTo("0");
    assertThat(engine.logs(container)).contains("aspen stopped cleanly");
  }

  private static String get(int port, String path) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
