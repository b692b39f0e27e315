package se.kth.aspen.swarm.registry;

import java.util.Objects;

/**
 * What a registry (or its token endpoint) answered: the status, the header fields and the whole
 * body (empty for {@code HEAD}, {@code 204} and {@code 304}). The body array is the one read
 * off the connection and is not copied: the answer is read by one caller and then dropped.
 */
final class RegistryResponse {

  private final int statusCode;
  private final ResponseHeaders headers;
  private final byte[] body;

  RegistryResponse(int statusCode, ResponseHeaders headers, byte[] body) {
    if (statusCode < 100 || statusCode > 999) {
      throw new IllegalArgumentException("HTTP status " + statusCode + " is not three digits");
    }
    this.statusCode = statusCode;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = Objects.requireNonNull(body, "body");
  }

  int statusCode() {
    return statusCode;
  }

  ResponseHeaders headers() {
    return headers;
  }

  byte[] body() {
    return body;
  }

  @Override
  public String toString() {
    return "RegistryResponse[" + statusCode + ", " + body.length + " bytes]";
  }
}
