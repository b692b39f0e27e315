package se.kth.aspen.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import se.kth.aspen.core.port.Secret;

/**
 * The tag lists a running runner keeps, read from its {@code GET /api/v1/tags?lists=true}: what
 * {@code plan --cached} resolves ranges from instead of asking the registry.
 *
 * @param runner the runner's API address
 * @param lists every listed repository's tags, by image name ({@code registry/path})
 * @param oldest when the oldest of those lists was fetched; empty when there are none
 */
record RunnerTagLists(URI runner, Map<String, List<String>> lists, Optional<Instant> oldest) {

  private static final ObjectMapper JSON = new ObjectMapper();

  RunnerTagLists {
    Objects.requireNonNull(runner, "runner");
    Objects.requireNonNull(oldest, "oldest");
    lists = Map.copyOf(lists);
  }

  /** A problem reading the runner's lists, said for the person who ran the command. */
  static final class Unreadable extends Exception {
    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Asks the runner at {@code runner} (its API's base address) for its lists.
   *
   * @param token {@code API_TOKEN}, sent as the bearer token when set (the runner asks for it)
   */
  static RunnerTagLists read(URI runner, Optional<Secret> token, Duration timeout) throws Unreadable {
    URI uri = runner.resolve("/api/v1/tags?lists=true");
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET().header("User-Agent", "aspen plan");
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t.text()));
    HttpResponse<byte[]> response;
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build()) {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new Unreadable("cannot reach the runner at " + runner + " (" + describe(e) + "); is `aspen run` running"
          + " there? Its address is http://127.0.0.1:ASPEN_API_PORT unless --cached=URL names another", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreadable("interrupted while asking the runner at " + runner, e);
    }
    if (response.statusCode() == 401) {
      throw new Unreadable("the runner at " + runner + " refused " + (token.isPresent() ? "the API_TOKEN given"
          : "a request without API_TOKEN") + " (HTTP 401): set API_TOKEN to the runner's", null);
    }
    if (response.statusCode() != 200) {
      throw new Unreadable("the runner at " + runner + " answered " + uri.getPath() + " with HTTP "
          + response.statusCode() + " (is it an Aspen runner of this version?)", null);
    }
    try {
      return parse(runner, JSON.readTree(response.body()));
    } catch (IOException | RuntimeException e) {
      throw new Unreadable("the runner at " + runner + " sent a tag catalogue that cannot be read: " + e.getMessage(), e);
    }
  }

  static RunnerTagLists parse(URI runner, JsonNode document) {
    JsonNode repositories = document.path("repositories");
    if (!repositories.isArray()) {
      throw new IllegalArgumentException("no \"repositories\" list");
    }
    Map<String, List<String>> lists = new TreeMap<>();
    Instant oldest = null;
    for (JsonNode entry : repositories) {
      JsonNode list = entry.path("list");
      if (!entry.path("repository").isTextual() || !list.isArray()) {
        continue; // never listed yet: the registry is asked, as without --cached
      }
      List<String> tags = new ArrayList<>();
      list.forEach(tag -> tags.add(tag.asText()));
      lists.put(entry.path("repository").asText(), List.copyOf(tags));
      if (entry.path("fetchedAt").isTextual()) {
        try {
          Instant at = Instant.parse(entry.path("fetchedAt").asText());
          oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("fetchedAt " + entry.path("fetchedAt").asText() + " is no instant", e);
        }
      }
    }
    return new RunnerTagLists(runner, lists, Optional.ofNullable(oldest));
  }

  private static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }
}
