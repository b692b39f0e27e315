package se.kth.aspen.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import se.kth.aspen.core.testenv.TestEnvironment;

/**
 * A Docker distribution registry of the test's own ({@code docker-registry}, no authentication) on
 * a free loopback port, configured to send its push notifications to a URL with an {@code
 * Authorization} header. Images are copied into it from the shared registry's {@code busybox}.
 */
final class NotifyingRegistry implements AutoCloseable {

  private static final String MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestEnvironment env = TestEnvironment.get();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Process process;
  private final int port;
  private final Path log;

  /** A registry in {@code dir} that notifies the runner's registry webhook with its API token. */
  static NotifyingRegistry aimedAt(RunningAspen aspen, String token, Path dir) throws IOException, InterruptedException {
    return new NotifyingRegistry(dir, "http://127.0.0.1:" + aspen.port() + "/api/v1/webhook/registry", "Bearer " + token);
  }

  NotifyingRegistry(Path dir, String notifyUrl, String authorization) throws IOException, InterruptedException {
    this.port = freePort();
    Files.createDirectories(dir.resolve("data"));
    Path config = dir.resolve("config.yml");
    Files.writeString(config, """
        version: 0.1
        log: {level: info}
        storage: {filesystem: {rootdirectory: %s}, delete: {enabled: true}}
        http: {addr: 127.0.0.1:%d, secret: it-only}
        notifications:
          endpoints:
            - name: aspen
              url: %s
              headers: {Authorization: ["%s"]}
              timeout: 3s
              threshold: 3
              backoff: 1s
              ignoredmediatypes: [application/octet-stream]
        """.formatted(dir.resolve("data"), port, notifyUrl, authorization));
    this.log = dir.resolve("registry.log");
    this.process = new ProcessBuilder("docker-registry", "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        if (send(HttpRequest.newBuilder(uri("/v2/")).GET()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > until || !process.isAlive()) {
        close();
        throw new IllegalStateException("docker-registry did not start: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  /** {@code 127.0.0.1:port}. */
  String host() {
    return "127.0.0.1:" + port;
  }

  /** Copies the shared {@code busybox:sourceTag} to {@code repository:tag} here; returns the manifest digest. */
  String copy(String sourceTag, String repository, String tag) throws IOException, InterruptedException {
    String basic = "Basic " + Base64.getEncoder()
        .encodeToString((env.registryUser() + ":" + env.registryPassword()).getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> manifest = send(HttpRequest.newBuilder(URI.create(env.registryUrl() + "/v2/busybox/manifests/" + sourceTag))
        .header("Authorization", basic).header("Accept", MANIFEST).GET());
    expect(manifest, 200, "reading busybox:" + sourceTag);
    JsonNode document = JSON.readTree(manifest.body());
    List<String> blobs = new ArrayList<>();
    blobs.add(document.path("config").path("digest").asText());
    document.path("layers").forEach(l -> blobs.add(l.path("digest").asText()));
    for (String blob : blobs) {
      HttpResponse<byte[]> content = send(HttpRequest.newBuilder(URI.create(env.registryUrl() + "/v2/busybox/blobs/" + blob))
          .header("Authorization", basic).GET());
      expect(content, 200, "reading blob " + blob);
      HttpResponse<byte[]> started = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
          .POST(HttpRequest.BodyPublishers.noBody()));
      expect(started, 202, "starting an upload to " + repository);
      String location = started.headers().firstValue("Location").orElseThrow();
      URI upload = URI.create(location.startsWith("http") ? location : "http://" + host() + location);
      String separator = upload.getRawQuery() == null ? "?" : "&";
      HttpResponse<byte[]> put = send(HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + blob))
          .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(content.body())));
      expect(put, 201, "uploading " + blob);
    }
    HttpResponse<byte[]> put = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
        .header("Content-Type", MANIFEST).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body())));
    expect(put, 201, "putting " + repository + ":" + tag);
    return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
  }

  /** What the registry logged (its notification attempts among them). */
  String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private URI uri(String path) {
    return URI.create("http://" + host() + path);
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void expect(HttpResponse<byte[]> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " "
          + new String(response.body(), StandardCharsets.UTF_8));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
