package se.kth.aspen.swarm.registry;

import java.io.IOException;
import java.util.Arrays;

/**
 * A response body collected in memory up to a limit. Images in stack files may name any
 * registry, so an answer must not be able to exhaust the runner's memory: past the limit
 * reading stops with {@link TooLarge} and the connection is dropped.
 */
final class CappedBody {

  private final long limit;
  private byte[] bytes = new byte[0];
  private int size;

  CappedBody(long limit) {
    this.limit = limit;
  }

  /**
   * Checks a length announced by the answer ({@code Content-Length}) before any of it is read.
   *
   * @throws TooLarge when the announced body is past the limit
   */
  void expect(long length) throws TooLarge {
    if (length > limit) {
      throw new TooLarge(limit);
    }
    ensure((int) length);
  }

  /** Adds bytes read off the connection. */
  void append(byte[] chunk, int offset, int length) throws TooLarge {
    if (size + (long) length > limit) {
      throw new TooLarge(limit);
    }
    ensure(size + length);
    System.arraycopy(chunk, offset, bytes, size, length);
    size += length;
  }

  byte[] bytes() {
    return bytes.length == size ? bytes : Arrays.copyOf(bytes, size);
  }

  private void ensure(int capacity) {
    if (capacity > bytes.length) {
      int grown = (int) Math.min(limit, Math.max(capacity, Math.max(8192L, bytes.length * 2L)));
      bytes = Arrays.copyOf(bytes, grown);
    }
  }

  /** The answer went past the limit; the exchange is abandoned. */
  static final class TooLarge extends IOException {

    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("the answer is larger than " + limit + " bytes");
    }
  }
}
