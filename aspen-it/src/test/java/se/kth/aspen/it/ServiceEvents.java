package se.kth.aspen.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import se.kth.aspen.core.testenv.TestEnvironment;

/**
 * The engine's service writes as they happen, from a `docker events` stream kept open for a test.
 * Asking afterwards (`docker events --since`) reads the engine's in-memory log of its last few
 * hundred events, too few on a machine where other tests deploy at the same time.
 */
final class ServiceEvents implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Thread reader;
  private final List<Engine.Write> seen = new CopyOnWriteArrayList<>();

  ServiceEvents() {
    TestEnvironment env = TestEnvironment.get();
    // From a second back: the events between starting the stream and the engine's answer are kept.
    ProcessBuilder builder = new ProcessBuilder(env.dockerCli().toString(), "events", "--filter", "type=service",
        "--since", Long.toString(Instant.now().getEpochSecond() - 1), "--format", "{{json .}}").redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("DOCKER_HOST", env.dockerHost());
    builder.environment().put("DOCKER_API_VERSION", env.dockerApiVersion());
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reader = Thread.ofPlatform().daemon().name("service-events").start(this::read);
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode event = JSON.readTree(line);
        JsonNode attributes = event.path("Actor").path("Attributes");
        // Swarm's own reports of an update's progress are not writes.
        if (attributes.has("updatestate.new") || attributes.has("updatestate.old")) {
          continue;
        }
        seen.add(new Engine.Write(Instant.ofEpochSecond(0, event.path("timeNano").asLong()), "service",
            event.path("Action").asText(), attributes.path("name").asText()));
      }
    } catch (IOException e) {
      // the stream ends when the test closes it
    }
  }

  /** The writes of {@code action} to services whose name starts with one of the prefixes, since then. */
  List<Engine.Write> since(Instant since, String action, List<String> prefixes) {
    return seen.stream().filter(w -> !w.at().isBefore(since) && w.action().equals(action)
        && prefixes.stream().anyMatch(w.name()::startsWith)).toList();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    reader.join(5000);
  }
}
