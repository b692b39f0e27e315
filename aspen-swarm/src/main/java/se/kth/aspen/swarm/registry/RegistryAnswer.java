package se.kth.aspen.swarm.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/** Reading what a registry answered: JSON bodies, its error codes, unexpected statuses. */
final class RegistryAnswer {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUOTE_LIMIT = 200;

  private RegistryAnswer() {}

  /** The body as JSON, or a refusal naming the registry when it is not JSON. */
  static JsonNode json(String attempt, String registryName, RegistryResponse response)
      throws RefusedException {
    try {
      JsonNode node = JSON.readTree(response.body());
      if (node == null || node.isMissingNode()) {
        throw new IOException("empty body");
      }
      return node;
    } catch (IOException e) {
      throw new RefusedException(
          attempt + ": registry " + registryName + " answered with malformed JSON (" + quote(response.body()) + ")",
          e);
    }
  }

  /** The {@code errors[].code} values of a v2 error body ({@code NAME_UNKNOWN}...), if any. */
  static List<String> errorCodes(byte[] body) {
    List<String> codes = new ArrayList<>();
    try {
      JsonNode errors = JSON.readTree(body).path("errors");
      for (JsonNode error : errors) {
        if (error.path("code").isTextual()) {
          codes.add(error.path("code").asText());
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not a v2 error body: no codes to tell.
    }
    return codes;
  }

  /**
   * A status the call did not expect. Server-side trouble (5xx, 429) is transient: the next pass
   * may get through; anything else is the registry's answer. A 429 or 503 with a {@code
   * Retry-After} carries the wait it asks for.
   *
   * @param now when the answer came, for a {@code Retry-After} given as a date
   */
  static PortException unexpected(String attempt, String registryName, RegistryResponse response, Instant now) {
    int status = response.statusCode();
    String message = attempt + ": registry " + registryName + " answered HTTP " + status + describeBody(response.body());
    if (status == 429 || status == 503) {
      Optional<Duration> wait = RetryAfter.of(response.headers().allValues("Retry-After"), now);
      if (wait.isPresent()) {
        return UnreachableException.throttled(
            message + "; it asks for no requests for " + wait.get().toSeconds() + " s (Retry-After)", wait.get());
      }
    }
    return status >= 500 || status == 429 ? new UnreachableException(message) : new RefusedException(message);
  }

  private static String describeBody(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    try {
      JsonNode first = JSON.readTree(body).path("errors").path(0);
      if (first.path("code").isTextual()) {
        return " (" + first.path("code").asText() + ": " + first.path("message").asText("") + ")";
      }
    } catch (IOException | RuntimeException e) {
      // Fall through to quoting the text.
    }
    return " (" + quote(body) + ")";
  }

  /** The start of a body, one line, for a message. */
  static String quote(byte[] body) {
    if (body == null || body.length == 0) {
      return "empty body";
    }
    String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    return text.length() <= QUOTE_LIMIT ? "\"" + text + "\"" : "\"" + text.substring(0, QUOTE_LIMIT) + "...\"";
  }
}
