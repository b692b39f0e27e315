package se.kth.aspen.swarm.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One open HTTP/1.1 connection to an {@link Origin}: a request goes out, its answer is read
 * whole, and the connection may then carry the next request. Used by one thread at a time (the
 * pool hands it to one caller); a failed exchange leaves it unusable, and the caller closes it.
 */
final class HttpConnection implements AutoCloseable {

  private final Origin origin;
  private final Socket socket;
  private final ResponseInput input;
  private final OutputStream output;
  private int exchanges;
  private boolean reusable = true;
  private long idleSinceNanos;

  HttpConnection(Origin origin, Socket socket) throws IOException {
    this.origin = origin;
    this.socket = socket;
    this.input = new ResponseInput(socket);
    this.output = socket.getOutputStream();
  }

  Origin origin() {
    return origin;
  }

  /** Whether the last exchange failed before a single byte of its answer arrived. */
  boolean failedBeforeAnswer() {
    return !input.received();
  }

  /** Whether another request may go over this connection. */
  boolean reusable() {
    return reusable && !socket.isClosed();
  }

  /**
   * Sends a request without body and reads the whole answer.
   *
   * @param head the request line and header fields, ended by the empty line
   * @param answerByNanos when (on {@link System#nanoTime()}) the whole answer must be in
   */
  RegistryResponse exchange(String method, byte[] head, long answerByNanos, long maxBodyBytes) throws IOException {
    reusable = false;
    input.answerBy(answerByNanos);
    exchanges++;
    output.write(head);
    output.flush();
    ResponseReader.Read read = ResponseReader.read(input, method, maxBodyBytes);
    reusable = read.reusable() && !input.hasBuffered();
    return read.response();
  }

  void idleSince(long nanoTime) {
    this.idleSinceNanos = nanoTime;
  }

  long idleSinceNanos() {
    return idleSinceNanos;
  }

  @Override
  public void close() {
    reusable = false;
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing more is sent over it either way.
    }
  }

  @Override
  public String toString() {
    return "HttpConnection[" + origin + ", " + exchanges + " exchanges]";
  }
}
