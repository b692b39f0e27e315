package se.kth.aspen.runner.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import se.kth.aspen.runner.page.PassEvents;

/**
 * {@code GET /api/v1/events}: server-sent events of the passes ({@link PassEvents}), open until
 * the client leaves or the runner stops. A comment line when nothing was sent for a while keeps
 * the connection inside the API's idle timeout and shows a client that the runner is there.
 */
final class EventStream {

  /** Within the default idle timeout of 5 s. */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(2);

  private EventStream() {}

  static void serve(HttpExchange exchange, PassEvents events, Duration keepAlive) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
    exchange.sendResponseHeaders(200, 0);
    try (PassEvents.Subscription subscription = events.subscribe()) {
      OutputStream out = exchange.getResponseBody();
      // A client reconnects after 2 s when the stream breaks (its default is 3 s).
      write(out, "retry: 2000\n: aspen pass events\n\n");
      while (true) {
        Optional<String> frame = subscription.next(keepAlive);
        write(out, frame.orElse(": keep-alive\n\n"));
      }
    } catch (PassEvents.Ended e) {
      // The runner stops, or this client fell behind: it reconnects and reads the state again.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client went away.
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
