package se.kth.aspen.runner.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small client for the API under test. */
final class ApiClient {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final int port;

  ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.port = port;
  }

  /** Sends raw bytes, as a broken or hostile client would, and returns the status line (empty if none). */
  String raw(String request) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      var reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.ISO_8859_1));
      String line = reader.readLine();
      return line == null ? "" : line;
    }
  }

  /** Sends raw bytes and returns everything the server answers until it closes the connection. */
  String rawExchange(byte[] request) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      socket.shutdownOutput();
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    } catch (java.net.SocketException e) {
      // A reset instead of an answer: what the caller asserts on is that there was none.
      return "";
    }
  }

  HttpResponse<String> send(String method, String path, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
    return send(method, path, Map.of(), null);
  }

  HttpResponse<String> send(String method, String path, String token) throws IOException, InterruptedException {
    return send(method, path, Map.of("Authorization", "Bearer " + token), null);
  }
}
