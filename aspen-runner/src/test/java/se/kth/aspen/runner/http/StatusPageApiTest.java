package se.kth.aspen.runner.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /} and {@code GET /api/v1/events} through the real server. */
class StatusPageApiTest {

  private ApiFixture api;
  private final List<Stream<String>> streams = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    streams.forEach(Stream::close);
    if (api != null) {
      api.close();
    }
  }

  @Test
  void slashServesThePageWithAPolicyThatRunsOnlyItsOwnScript() throws Exception {
    api = new ApiFixture(Optional.of("t"), Optional.empty());
    api.nextReport.set(Reports.report("abc123", Reports.deployed("app-a", "active", "r/a:1.0.0")));
    api.passNow();

    HttpResponse<String> page = api.client.send("GET", "/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("default-src 'none'");
    assertThat(page.body()).contains("<tr data-app=\"app-a\"", "<dd id=\"runner\">" + ApiFixture.RUNNER + "</dd>",
        "<dd>aspen-under-test</dd>", "data-token-required=\"true\"");
    assertThat(api.client.send("POST", "/").statusCode()).isEqualTo(405);
  }

  @Test
  void theFilterInTheQueryReachesThePage() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty());
    api.nextReport.set(Reports.report("abc123", Reports.deployed("app-a", "active", "r/a:1"),
        Reports.deployed("other", "active", "r/o:1")));
    api.passNow();

    String page = api.client.send("GET", "/?q=app-&status=DEPLOYED").body();

    assertThat(page).contains("<tr data-app=\"other\" data-team=\"\" hidden>", "value=\"app-\"");
  }

  @Test
  void withTheStatusPageOffSlashIs404AndTheApiStillAnswers() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty(), ApiServer.Limits.DEFAULT, s -> s, false);

    HttpResponse<String> page = api.client.send("GET", "/");

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("STATUS_PAGE=false");
    assertThat(api.client.send("GET", "/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void theEventStreamSendsEachChangedResultAsThePassDecidesItAndEachPassAsItEnds() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty());
    BlockingQueue<String> lines = open("/api/v1/events");
    assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("retry: 2000");
    await(lines, l -> l.equals(""));

    api.nextReport.set(Reports.report("rev1", Reports.deployed("app-a", "active", "r/a:1"),
        Reports.blocked("app-b", "active", Instant.parse("2026-11-25T20:00:00Z"))));
    api.passNow();
    List<String> first = until(lines, "event: pass");
    assertThat(first).filteredOn(l -> l.startsWith("data: {\"application\":\"app-a\"")).singleElement()
        .asString().contains("\"status\":\"DEPLOYED\"");
    assertThat(first).filteredOn(l -> l.startsWith("data: {\"application\":\"app-b\"")).singleElement()
        .asString().contains("\"status\":\"BLOCKED\"", "\"since\":\"2026-11-25T20:00:00Z\"");

    api.nextReport.set(Reports.report("rev2", Reports.deployed("app-a", "active", "r/a:1"),
        Reports.deployed("app-b", "active", "r/b:2")));
    api.passNow();
    List<String> second = until(lines, "event: pass");
    assertThat(second).as("app-a did not change").noneMatch(l -> l.contains("\"application\":\"app-a\""));
    assertThat(second).anyMatch(l -> l.contains("\"application\":\"app-b\"") && l.contains("\"status\":\"DEPLOYED\""));
    String pass = poll(lines);
    assertThat(pass).startsWith("data: {\"startedAt\":").contains("\"revision\":\"rev2\"", "\"changed\":2", "\"failed\":0");
  }

  @Test
  void theEventStreamKeepsAnIdleConnectionAliveBeyondTheIdleTimeout() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty(),
        new ApiServer.Limits(16, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), s -> s);
    long opened = System.nanoTime();
    BlockingQueue<String> lines = open("/api/v1/events");
    // The server sends a keep-alive every half idle timeout (500 ms) while nothing happens: three of
    // them mean the connection has stayed open, silent but for them, past the 1 s idle timeout.
    // Waiting on the lines themselves, not on a clock, keeps this true on a slow machine.
    for (int keepAlives = 0; keepAlives < 3; ) {
      if (poll(lines).equals(": keep-alive")) {
        keepAlives++;
      }
    }
    assertThat(Duration.ofNanos(System.nanoTime() - opened)).as("open past the idle timeout").isGreaterThan(Duration.ofSeconds(1));

    api.nextReport.set(Reports.report("rev1", Reports.deployed("app-a", "active", "r/a:1")));
    api.passNow();

    List<String> seen = until(lines, "event: pass");
    assertThat(seen).anyMatch(l -> l.contains("\"application\":\"app-a\""));
  }

  private BlockingQueue<String> open(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + path)).build();
    HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Stream<String> body = response.body();
    streams.add(body);
    Thread.ofVirtual().start(() -> {
      try {
        body.forEach(lines::add);
      } catch (RuntimeException e) {
        // closed by the test
      }
    });
    return lines;
  }

  private static String poll(BlockingQueue<String> lines) throws InterruptedException {
    String line = lines.poll(10, TimeUnit.SECONDS);
    assertThat(line).as("a line within 10 s").isNotNull();
    return line;
  }

  private static List<String> until(BlockingQueue<String> lines, String last) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    while (true) {
      String line = poll(lines);
      seen.add(line);
      if (line.equals(last)) {
        return seen;
      }
    }
  }

  private static void await(BlockingQueue<String> lines, java.util.function.Predicate<String> wanted) throws InterruptedException {
    while (!wanted.test(poll(lines))) {
      // skip
    }
  }
}
