package se.kth.aspen.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import se.kth.aspen.core.testenv.TestEnvironment;

/**
 * Pushes tags to the shared registry the cheap way: a repository of the test's own gets the
 * test image's blobs by cross-repository mount and one of its manifests under a new tag. The
 * shared {@code busybox} repository is never changed.
 */
final class RegistryImages {

  private static final String MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestEnvironment env = TestEnvironment.get();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String authorization = "Basic " + Base64.getEncoder()
      .encodeToString((env.registryUser() + ":" + env.registryPassword()).getBytes(StandardCharsets.UTF_8));
  private final List<String[]> pushed = new ArrayList<>();

  /** Copies {@code busybox:sourceTag} to {@code repository:tag}; returns the manifest digest. */
  String push(String repository, String tag, String sourceTag) throws IOException, InterruptedException {
    HttpResponse<byte[]> manifest = send(request("/v2/busybox/manifests/" + sourceTag).header("Accept", MANIFEST).GET());
    expect(manifest, 200, "reading busybox:" + sourceTag);
    JsonNode document = JSON.readTree(manifest.body());
    List<String> blobs = new ArrayList<>();
    blobs.add(document.path("config").path("digest").asText());
    document.path("layers").forEach(l -> blobs.add(l.path("digest").asText()));
    for (String blob : blobs) {
      HttpResponse<byte[]> mounted = send(request("/v2/" + repository + "/blobs/uploads/?mount=" + blob + "&from=busybox")
          .POST(HttpRequest.BodyPublishers.noBody()));
      expect(mounted, 201, "mounting " + blob + " into " + repository);
    }
    HttpResponse<byte[]> put = send(request("/v2/" + repository + "/manifests/" + tag).header("Content-Type", MANIFEST)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body())));
    expect(put, 201, "putting " + repository + ":" + tag);
    String digest = put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    pushed.add(new String[] {repository, digest});
    return digest;
  }

  /** Removes what this instance pushed (the blobs stay with the shared repository). */
  void removePushed() {
    for (String[] p : pushed) {
      try {
        send(request("/v2/" + p[0] + "/manifests/" + p[1]).DELETE());
      } catch (IOException | InterruptedException e) {
        // best effort: the repository name is unique to the test
      }
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(env.registryUrl() + path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", authorization);
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void expect(HttpResponse<byte[]> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " "
          + new String(response.body(), StandardCharsets.UTF_8));
    }
  }
}
