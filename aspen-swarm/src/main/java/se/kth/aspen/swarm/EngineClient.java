package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * Raw JSON calls to one engine through docker-java's transport, pinned to API 1.41. Raw, because
 * docker-java's models drop fields they do not know and its update command
 * cannot send {@code X-Registry-Auth}.
 */
final class EngineClient {

  static final String API = "/v1.41";
  static final ObjectMapper JSON = new ObjectMapper();

  private final DockerHttpClient http;
  private final String where;

  EngineClient(DockerHttpClient http, String where) {
    this.http = http;
    this.where = where;
  }

  /** The engine's address as messages show it. */
  String where() {
    return where;
  }

  JsonNode get(String path, String doing) throws UnreachableException, RefusedException {
    return call(Request.Method.GET, path, null, Map.of(), doing).orElseThrow(
        () -> new RefusedException(doing + " on " + where + ": not found"));
  }

  /** A GET whose 404 means "there is none". */
  Optional<JsonNode> find(String path, String doing) throws UnreachableException, RefusedException {
    return call(Request.Method.GET, path, null, Map.of(), doing);
  }

  /** A GET with extra headers (the registry credentials) whose 404 means "there is none". */
  Optional<JsonNode> find(String path, Map<String, String> headers, String doing)
      throws UnreachableException, RefusedException {
    return call(Request.Method.GET, path, null, headers, doing);
  }

  JsonNode post(String path, JsonNode body, Map<String, String> headers, String doing)
      throws UnreachableException, RefusedException {
    return call(Request.Method.POST, path, body, headers, doing).orElseThrow(
        () -> new RefusedException(doing + " on " + where + ": not found"));
  }

  /** A DELETE; false when the object was already gone. */
  boolean delete(String path, String doing) throws UnreachableException, RefusedException {
    return call(Request.Method.DELETE, path, null, Map.of(), doing).isPresent();
  }

  private Optional<JsonNode> call(
      Request.Method method, String path, JsonNode body, Map<String, String> headers, String doing)
      throws UnreachableException, RefusedException {
    Request.Builder request = Request.builder().method(method).path(API + path).putAllHeaders(headers);
    if (body != null) {
      try {
        request.putHeader("Content-Type", "application/json").bodyBytes(JSON.writeValueAsBytes(body));
      } catch (IOException e) {
        throw new IllegalStateException("cannot serialise a request body", e);
      }
    }
    try (Response response = http.execute(request.build())) {
      int status = response.getStatusCode();
      byte[] bytes = readAll(response.getBody());
      if (status == 404) {
        return Optional.empty();
      }
      if (status >= 400) {
        throw new RefusedException(doing + " on " + where + ": the engine answered HTTP " + status + ": " + message(bytes));
      }
      if (bytes.length == 0) {
        return Optional.of(MissingNode.getInstance());
      }
      try {
        return Optional.of(JSON.readTree(bytes));
      } catch (IOException e) {
        throw new RefusedException(doing + " on " + where + ": the engine's answer is not JSON", e);
      }
    } catch (UncheckedIOException e) {
      throw unreachable(doing, e.getCause());
    } catch (RuntimeException e) {
      if (e.getCause() instanceof IOException io) {
        throw unreachable(doing, io);
      }
      throw e;
    } catch (IOException e) {
      throw unreachable(doing, e);
    }
  }

  private UnreachableException unreachable(String doing, Throwable cause) {
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new UnreachableException(doing + ": cannot reach the engine at " + where + " (" + reason + ")", cause);
  }

  private static byte[] readAll(InputStream body) throws IOException {
    return body == null ? new byte[0] : body.readAllBytes();
  }

  private static String message(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.hasNonNull("message")) {
        return node.get("message").asText();
      }
    } catch (IOException e) {
      // not JSON: show the text itself
    }
    return new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
  }
}
