package se.kth.aspen.swarm.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare HTTP/1.1 server on a loopback port whose answers the test writes byte for byte, for the
 * wire cases a real registry does not produce on demand (chunked bodies, closes, stalls). It
 * records every request head with the connection it came on, and counts connections accepted
 * and connections the client closed.
 */
final class LoopbackHttpServer implements AutoCloseable {

  /** A request as received: on which accepted connection (from 1), its place on it (from 1), its head. */
  record Request(int connection, int onConnection, String head) {}

  /** Writes the raw answer to a request; may close the socket, or never answer. */
  interface Answer {
    void write(Request request, Socket socket, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final Answer answer;
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger closedByClient = new AtomicInteger();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  LoopbackHttpServer(Answer answer) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.answer = answer;
    Thread.ofVirtual().start(this::acceptAll);
  }

  int port() {
    return server.getLocalPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  int acceptedConnections() {
    return accepted.get();
  }

  int connectionsClosedByClient() {
    return closedByClient.get();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        int connection = accepted.incrementAndGet();
        Thread.ofVirtual().start(() -> serve(connection, socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(int connection, Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      for (int onConnection = 1; ; onConnection++) {
        String head = head(in);
        if (head == null) {
          closedByClient.incrementAndGet();
          return;
        }
        Request request = new Request(connection, onConnection, head);
        requests.add(request);
        answer.write(request, socket, out);
        out.flush();
        if (socket.isClosed()) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // The client went away or the test closed the server.
    }
  }

  /** The request head up to the empty line; null when the client closed before sending one. */
  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int next;
    while ((next = in.read()) >= 0) {
      head.write(next);
      matched = (next == '\r' && matched % 2 == 0) || (next == '\n' && matched % 2 == 1) ? matched + 1 : next == '\r' ? 1 : 0;
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  /** Writes text as bytes, for answers written by hand. */
  static void send(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
