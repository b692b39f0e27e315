package se.kth.aspen.core.port;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Plaintext that must stay in memory: never in {@code toString}, a log line or a message.
 * Holds a private copy of the bytes.
 */
public final class Secret {

  private final byte[] bytes;

  private Secret(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Secret of(byte[] bytes) {
    return new Secret(Objects.requireNonNull(bytes, "bytes").clone());
  }

  public static Secret of(String text) {
    return new Secret(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the plaintext bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The plaintext as UTF-8 text. */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && java.security.MessageDigest.isEqual(bytes, s.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Secret[hidden]";
  }
}
