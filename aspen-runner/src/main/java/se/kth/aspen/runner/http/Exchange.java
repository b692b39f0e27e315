package se.kth.aspen.runner.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Reading a request and writing a response, with the limits every endpoint shares. */
final class Exchange {

  static final ObjectMapper JSON = new ObjectMapper();

  /** Larger webhook payloads than this are refused; pushes of many commits stay well below. */
  static final int MAX_BODY = 1 << 20;

  /** The body did not fit {@link #MAX_BODY}. */
  static final class TooLarge extends IOException {
    TooLarge() {
      super("request body larger than " + MAX_BODY + " bytes", null);
    }
  }

  /** The body did not arrive within the server's deadline. */
  static final class TooSlow extends IOException {
    TooSlow(java.time.Duration deadline) {
      super("the request body did not arrive within " + deadline.toSeconds() + " s", null);
    }
  }

  private Exchange() {}

  static byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw new TooLarge();
      }
      return body;
    }
  }

  static ObjectNode message(String text) {
    return JSON.createObjectNode().put("message", text);
  }

  static void json(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static void text(HttpExchange exchange, int status, String text) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }
}
