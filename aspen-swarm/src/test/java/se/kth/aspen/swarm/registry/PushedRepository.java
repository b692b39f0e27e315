package se.kth.aspen.swarm.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import se.kth.aspen.core.testenv.TestEnvironment;

/**
 * A repository of our own in the shared test registry: one tiny image manifest pushed under many
 * tags through the registry API itself (no Docker needed), deleted again on close. Fails loudly
 * when the registry does not take the push.
 */
final class PushedRepository implements AutoCloseable {

  private static final String MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";

  private final TestEnvironment env = TestEnvironment.get();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String name;
  private final List<String> tags;
  private final String pushedDigest;

  PushedRepository(List<String> tags) throws IOException, InterruptedException {
    this.name = "it-registry-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    this.tags = List.copyOf(tags);
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(StandardCharsets.UTF_8);
    String configDigest = "sha256:" + sha256(config);
    uploadBlob(config, configDigest);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",\"config\":{\"mediaType\":"
        + "\"application/vnd.docker.container.image.v1+json\",\"size\":" + config.length + ",\"digest\":\""
        + configDigest + "\"},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    String digest = null;
    for (String tag : this.tags) {
      HttpResponse<String> put = send(HttpRequest.newBuilder(uri("/v2/" + name + "/manifests/" + tag))
          .header("Content-Type", MANIFEST_TYPE)
          .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
      expect(201, put, "pushing the manifest as " + name + ":" + tag);
      digest = put.headers().firstValue("Docker-Content-Digest").orElseThrow(
          () -> new IllegalStateException("the registry reported no digest for " + name + ":" + tag));
    }
    this.pushedDigest = digest;
  }

  /** {@code 127.0.0.1:5000/it-registry-...}. */
  String image() {
    return env.registryHost() + "/" + name;
  }

  List<String> tags() {
    return tags;
  }

  /** The {@code Docker-Content-Digest} the registry answered the manifest push with. */
  String pushedDigest() {
    return pushedDigest;
  }

  private void uploadBlob(byte[] blob, String digest) throws IOException, InterruptedException {
    HttpResponse<String> start = send(HttpRequest.newBuilder(uri("/v2/" + name + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()));
    expect(202, start, "starting the config blob upload to " + name);
    String location = start.headers().firstValue("Location").orElseThrow();
    URI target = uri("/v2/" + name + "/blobs/uploads/").resolve(location);
    String separator = target.getRawQuery() == null ? "?" : "&";
    HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(target + separator + "digest=" + digest))
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)));
    expect(201, put, "finishing the config blob upload to " + name);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    HttpResponse<String> delete = send(HttpRequest.newBuilder(uri("/v2/" + name + "/manifests/" + pushedDigest)).DELETE());
    expect(202, delete, "deleting " + name + "@" + pushedDigest);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    String auth = env.registryUser() + ":" + env.registryPassword();
    return http.send(request
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(env.registryUrl() + path);
  }

  private static void expect(int status, HttpResponse<String> response, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
