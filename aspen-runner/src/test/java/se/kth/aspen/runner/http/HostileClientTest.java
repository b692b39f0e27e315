package se.kth.aspen.runner.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a broken or hostile client sends, answered the way the API answers everything else. */
class HostileClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The first bytes of a TLS 1.2 ClientHello, as a client that speaks https to the plain port sends. */
  private static final byte[] CLIENT_HELLO = HexFormat.of().parseHex("160301020001000" + "1fc0303" + "00".repeat(32));

  private ApiFixture api;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (api != null) {
      api.close();
    }
  }

  private static String body(String response) {
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }

  private static void assertJsonError(String response, int status) throws IOException {
    assertThat(response).as(response).startsWith("HTTP/1.1 " + status + " ");
    assertThat(response.toLowerCase()).as(response).contains("content-type: application/json");
    assertThat(JSON.readTree(body(response)).path("message").asText()).as(response).isNotBlank();
  }

  @Test
  void headersLargerThanTheLimitGet431WithAJsonMessage() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty());
    String request = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(ApiServer.MAX_HEAD_BYTES) + "\r\n\r\n";

    String response = api.client.rawExchange(request.getBytes(StandardCharsets.ISO_8859_1));

    assertJsonError(response, 431);
    assertThat(api.client.send("GET", "/healthz").statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "NONSENSE\r\n\r\n",
      "GET /api/v1/cache/g/%zz/x HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header Name: y\r\n\r\n",
      "POST /api/v1/sync/trigger HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
      "POST /api/v1/sync/trigger HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc"})
  void requestsTheServerRefusesBeforeAnyEndpointGetAJson400(String request) throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty());

    assertJsonError(api.client.rawExchange(request.getBytes(StandardCharsets.ISO_8859_1)), 400);
  }

  @Test
  void aTlsHandshakeOnThePlainPortGetsAJson400() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty());

    assertJsonError(api.client.rawExchange(CLIENT_HELLO), 400);
  }

  @Test
  void aConnectionThatTricklesItsHeadIsClosedAtTheDeadlineWhileOthersAreAnswered() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty(),
        new ApiServer.Limits(16, Duration.ofMillis(800), Duration.ofSeconds(2), Duration.ofSeconds(30)));
    Socket slow = open();
    OutputStream out = slow.getOutputStream();
    out.write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));

    // A byte now and then keeps the idle timeout (30 s here) from ever firing; only the head deadline ends it.
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
      try {
        out.write('X');
        out.flush();
        return false;
      } catch (SocketException e) {
        return true;
      }
    });
    assertThat(api.client.send("GET", "/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void aBodyThatTricklesGets408AtTheDeadline() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty(),
        new ApiServer.Limits(16, Duration.ofSeconds(5), Duration.ofMillis(800), Duration.ofSeconds(30)));
    Socket slow = open();
    OutputStream out = slow.getOutputStream();
    out.write("POST /api/v1/sync/trigger HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < 100; i++) {
          out.write('a');
          out.flush();
          Thread.sleep(100);
        }
      } catch (IOException | InterruptedException e) {
        // closed by the server, as expected
      }
    });

    String response = new String(slow.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

    assertJsonError(response, 408);
  }

  @Test
  void connectionsBeyondTheBoundAreClosedAtOnceAndHealthzIsAnsweredWhenTheyGo() throws Exception {
    api = new ApiFixture(Optional.empty(), Optional.empty(),
        new ApiServer.Limits(3, Duration.ofMillis(800), Duration.ofSeconds(2), Duration.ofSeconds(30)));
    for (int i = 0; i < 3; i++) {
      open().getOutputStream().write("GET /".getBytes(StandardCharsets.ISO_8859_1));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      Socket extra = open();
      extra.setSoTimeout(2000);
      return readsEndOfStream(extra.getInputStream());
    });

    await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .until(() -> api.client.send("GET", "/healthz").statusCode() == 200);
  }

  private Socket open() throws IOException {
    Socket socket = new Socket("127.0.0.1", api.server.port());
    socket.setSoTimeout(10_000);
    sockets.add(socket);
    return socket;
  }

  private static boolean readsEndOfStream(InputStream in) {
    try {
      return in.read() == -1;
    } catch (IOException e) {
      return e instanceof SocketException;
    }
  }
}
