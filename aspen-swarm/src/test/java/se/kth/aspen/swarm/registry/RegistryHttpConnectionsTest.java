package se.kth.aspen.swarm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/** Aspen's HTTP/1.1 exchanges against a loopback server answering byte for byte. */
class RegistryHttpConnectionsTest {

  private static final String TAGS = "{\"tags\":[\"1.0.0\"]}";

  private static RegistryHttp http(Duration requestTimeout, Duration idleTimeout) {
    return new RegistryHttp(requestTimeout, 1024, ConnectionOpener.withDefaultTls(), new ConnectionPool(16, idleTimeout));
  }

  private static RegistryHttp http() {
    return http(Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  private static RegistryResponse get(RegistryHttp http, LoopbackHttpServer server, String path) throws Exception {
    return http.send("listing tags of x", "registry r", "GET", URI.create(server.url(path)),
        List.of("application/json"), Optional.of("Bearer t0ken"), Deadline.in(Duration.ofSeconds(10)));
  }

  private static String text(RegistryResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static String sized(String body, String... fields) {
    return "HTTP/1.1 200 OK\r\n" + String.join("", List.of(fields).stream().map(f -> f + "\r\n").toList())
        + "Content-Length: " + body.length() + "\r\n\r\n" + body;
  }

  @Test
  void sendsSuccessiveRequestsOverOneKeptAliveConnection() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) ->
        LoopbackHttpServer.send(out, sized(TAGS)))) {
      RegistryHttp http = http();

      for (int i = 0; i < 5; i++) {
        assertThat(text(get(http, server, "/v2/app/tags/list?n=100"))).isEqualTo(TAGS);
      }

      assertThat(server.acceptedConnections()).isEqualTo(1);
      assertThat(server.requests()).extracting(LoopbackHttpServer.Request::onConnection).containsExactly(1, 2, 3, 4, 5);
    }
  }

  @Test
  void sendsTheRequestLineAndTheHeadersRegistriesExpect() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) ->
        LoopbackHttpServer.send(out, sized(TAGS)))) {
      get(http(), server, "/v2/team/app/tags/list?n=100");

      assertThat(server.requests().getFirst().head()).isEqualTo("GET /v2/team/app/tags/list?n=100 HTTP/1.1\r\n"
          + "Host: 127.0.0.1:" + server.port() + "\r\nUser-Agent: aspen\r\nAccept: application/json\r\n"
          + "Authorization: Bearer t0ken\r\n\r\n");
    }
  }

  @Test
  void readsAChunkedBodyAndKeepsTheConnection() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) ->
        LoopbackHttpServer.send(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\n{\"tag\r\n" + Integer.toHexString(TAGS.length() - 5) + "\r\n" + TAGS.substring(5) + "\r\n"
            + "0\r\nX-Trailer: dropped\r\n\r\n"))) {
      RegistryHttp http = http();

      assertThat(text(get(http, server, "/a"))).isEqualTo("{\"tag" + TAGS.substring(5));
      assertThat(text(get(http, server, "/b"))).isEqualTo("{\"tag" + TAGS.substring(5));
      assertThat(server.acceptedConnections()).isEqualTo(1);
    }
  }

  @Test
  void opensANewConnectionAfterAnAnswerSayingConnectionClose() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) -> {
      LoopbackHttpServer.send(out, sized(TAGS, "Connection: close"));
      socket.close();
    })) {
      RegistryHttp http = http();

      assertThat(text(get(http, server, "/a"))).isEqualTo(TAGS);
      assertThat(text(get(http, server, "/b"))).isEqualTo(TAGS);
      assertThat(server.acceptedConnections()).isEqualTo(2);
    }
  }

  @Test
  void readsABodyWithoutLengthUntilTheServerCloses() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) -> {
      LoopbackHttpServer.send(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + TAGS);
      socket.close();
    })) {
      RegistryHttp http = http();

      assertThat(text(get(http, server, "/a"))).isEqualTo(TAGS);
      assertThat(text(get(http, server, "/b"))).isEqualTo(TAGS);
      assertThat(server.acceptedConnections()).isEqualTo(2);
    }
  }

  @Test
  void asksAgainOnANewConnectionWhenTheServerClosedTheKeptOne() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) -> {
      LoopbackHttpServer.send(out, sized(TAGS));
      if (request.connection() == 1) {
        // An idle timeout on the server's side: the connection goes without a word.
        socket.close();
        closed.countDown();
      }
    })) {
      RegistryHttp http = http();
      get(http, server, "/first");
      assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();

      assertThat(text(get(http, server, "/second"))).isEqualTo(TAGS);
      assertThat(server.acceptedConnections()).isEqualTo(2);
      assertThat(server.requests()).extracting(LoopbackHttpServer.Request::connection).containsExactly(1, 2);
    }
  }

  @Test
  void doesNotAskAgainWhenAKeptConnectionBreaksInTheMiddleOfAnAnswer() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) -> {
      if (request.onConnection() == 1) {
        LoopbackHttpServer.send(out, sized(TAGS));
      } else {
        LoopbackHttpServer.send(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"tags\"");
        socket.close();
      }
    })) {
      RegistryHttp http = http();
      get(http, server, "/first");

      assertThatThrownBy(() -> get(http, server, "/second"))
          .isInstanceOf(UnreachableException.class)
          .hasMessage("listing tags of x: talking to registry r failed (the connection closed 93 bytes before the end of the body)");
      assertThat(server.acceptedConnections()).isEqualTo(1);
    }
  }

  @Test
  void reportsAServerThatStallsAsNotAnsweringInTime() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) -> Thread.sleep(10_000))) {
      assertThatThrownBy(() -> get(http(Duration.ofMillis(300), Duration.ofSeconds(30)), server, "/a"))
          .isInstanceOf(UnreachableException.class)
          .hasMessage("listing tags of x: registry r did not answer within 300 ms");
    }
  }

  @Test
  void reportsAServerThatStallsInTheMiddleOfTheBodyAsNotAnsweringInTime() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) -> {
      LoopbackHttpServer.send(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"tags\"");
      Thread.sleep(10_000);
    })) {
      assertThatThrownBy(() -> get(http(Duration.ofMillis(300), Duration.ofSeconds(30)), server, "/a"))
          .isInstanceOf(UnreachableException.class)
          .hasMessage("listing tags of x: registry r did not answer within 300 ms");
    }
  }

  @Test
  void refusesAnAnnouncedBodyPastTheLimitWithoutReadingIt() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) -> {
      LoopbackHttpServer.send(out, "HTTP/1.1 200 OK\r\nContent-Length: 5000000000\r\n\r\n");
      Thread.sleep(10_000);
    })) {
      assertThatThrownBy(() -> get(http(), server, "/a"))
          .isInstanceOf(RefusedException.class)
          .hasMessage("listing tags of x: registry r sent an answer larger than 1024 bytes");
    }
  }

  @Test
  void refusesAChunkedBodyPastTheLimit() throws Exception {
    String chunk = "a".repeat(600);
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) ->
        LoopbackHttpServer.send(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n"))) {
      assertThatThrownBy(() -> get(http(), server, "/a"))
          .isInstanceOf(RefusedException.class)
          .hasMessage("listing tags of x: registry r sent an answer larger than 1024 bytes");
    }
  }

  @Test
  void readsNoBodyForHeadOrNoContentWhateverTheLengthSays() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) -> LoopbackHttpServer.send(out,
        request.head().startsWith("HEAD")
            ? "HTTP/1.1 200 OK\r\nDocker-Content-Digest: sha256:abc\r\nContent-Length: 1234\r\n\r\n"
            : request.onConnection() == 2 ? "HTTP/1.1 204 No Content\r\n\r\n" : sized(TAGS)))) {
      RegistryHttp http = http();

      RegistryResponse head = http.send("reading", "registry r", "HEAD", URI.create(server.url("/m")), List.of(),
          Optional.empty(), Deadline.in(Duration.ofSeconds(10)));
      RegistryResponse noContent = get(http, server, "/none");
      RegistryResponse tags = get(http, server, "/tags");

      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstValue("docker-content-digest")).contains("sha256:abc");
      assertThat(noContent.statusCode()).isEqualTo(204);
      assertThat(noContent.body()).isEmpty();
      assertThat(text(tags)).isEqualTo(TAGS);
      assertThat(server.acceptedConnections()).isEqualTo(1);
    }
  }

  @Test
  void findsEveryValueOfAHeaderWhateverItsCase() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) ->
        LoopbackHttpServer.send(out, sized(TAGS, "Link: </a>; rel=\"next\"", "LINK: </b>; rel=\"last\"",
            "www-authenticate: Bearer realm=\"x\"")))) {
      RegistryResponse response = get(http(), server, "/a");

      assertThat(response.headers().allValues("link")).containsExactly("</a>; rel=\"next\"", "</b>; rel=\"last\"");
      assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"x\"");
      assertThat(response.headers().allValues("Retry-After")).isEmpty();
    }
  }

  @Test
  void closesAConnectionLeftIdleLongerThanTheIdleTimeout() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) ->
        LoopbackHttpServer.send(out, sized(TAGS)))) {
      get(http(Duration.ofSeconds(5), Duration.ofMillis(200)), server, "/a");

      await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionsClosedByClient() == 1);
    }
  }

  @Test
  void refusesAHeaderValueThatWouldEndTheFieldEarly() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer((request, socket, out) ->
        LoopbackHttpServer.send(out, sized(TAGS)))) {
      assertThatThrownBy(() -> http().send("listing tags of x", "registry r", "GET", URI.create(server.url("/a")),
          List.of(), Optional.of("Bearer a\r\nX-Injected: 1"), Deadline.in(Duration.ofSeconds(5))))
          .isInstanceOf(RefusedException.class)
          .hasMessageStartingWith("listing tags of x: cannot ask registry r at " + server.url("/a")
              + ": the Authorization contains a character HTTP cannot carry");
      assertThat(server.requests()).isEmpty();
    }
  }
}
