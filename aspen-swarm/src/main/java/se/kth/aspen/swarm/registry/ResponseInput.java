package se.kth.aspen.swarm.registry;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * The buffered bytes coming from one connection, read against the moment the whole answer must
 * be in: each wait for more bytes gets only the time left, so a server trickling its answer a
 * byte at a time cannot stretch an exchange past its timeout. It also remembers whether anything
 * arrived in the current exchange, which tells a pooled connection the server had already
 * closed (nothing came) from a failure in the middle of an answer.
 */
final class ResponseInput {

  private final Socket socket;
  private final InputStream in;
  private final byte[] buffer = new byte[16 * 1024];
  private int position;
  private int limit;
  private long answerByNanos;
  private boolean received;

  ResponseInput(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  /** Starts an exchange that must be answered by {@code nanoTime} (on {@link System#nanoTime()}). */
  void answerBy(long nanoTime) {
    this.answerByNanos = nanoTime;
    this.received = false;
  }

  /** Whether any byte arrived since {@link #answerBy}. */
  boolean received() {
    return received;
  }

  /** One byte, or -1 at the end of the stream. */
  int read() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position++] & 0xff;
  }

  /** Up to {@code length} bytes into {@code target}; -1 at the end of the stream. */
  int read(byte[] target, int offset, int length) throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    int count = Math.min(length, limit - position);
    System.arraycopy(buffer, position, target, offset, count);
    position += count;
    return count;
  }

  /**
   * A line ended by CRLF (a bare LF is taken too), without its end; {@code null} when the stream
   * ends before the line starts.
   *
   * @throws IOException when the line is longer than {@code maxLength} or the stream ends inside it
   */
  String line(int maxLength) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int next = read();
      if (next < 0) {
        if (line.isEmpty()) {
          return null;
        }
        throw new EOFException("the connection closed in the middle of a line");
      }
      if (next == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      if (line.length() >= maxLength) {
        throw new IOException("a line of the answer is longer than " + maxLength + " bytes");
      }
      line.append((char) next);
    }
  }

  /** Whether bytes sit unread in the buffer: then the connection is not at a clean boundary. */
  boolean hasBuffered() {
    return position < limit;
  }

  /**
   * A socket timeout for what is left of an exchange's time, rounded up to whole milliseconds
   * (0 would mean no timeout at all).
   *
   * @throws SocketTimeoutException when no time is left
   */
  static int millisLeft(long answerByNanos) throws SocketTimeoutException {
    long left = answerByNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("no time left");
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left) + 1));
  }

  private boolean fill() throws IOException {
    socket.setSoTimeout(millisLeft(answerByNanos));
    int count = in.read(buffer);
    if (count < 0) {
      return false;
    }
    position = 0;
    limit = count;
    received = true;
    return true;
  }
}
