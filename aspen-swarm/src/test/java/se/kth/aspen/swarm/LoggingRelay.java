package se.kth.aspen.swarm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP relay in front of the docker socket that records what clients send, so that a
 * test can see the requests and headers themselves (the way the differential test captures the CLI's calls).
 */
final class LoggingRelay implements AutoCloseable {

  private final ServerSocket server;
  private final Path socket;
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private final List<Socket> open = new ArrayList<>();

  LoggingRelay(Path socket) throws IOException {
    this.socket = socket;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::accept);
  }

  String endpoint() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  /** Everything clients sent so far, as text. */
  String sent() {
    synchronized (sent) {
      return sent.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        synchronized (open) {
          open.add(client);
        }
        InputStream fromEngine = Channels.newInputStream(engine);
        OutputStream toEngine = Channels.newOutputStream(engine);
        Thread.ofVirtual().start(() -> pump(client, engine, fromEngine, toEngine));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket client, SocketChannel engine, InputStream fromEngine, OutputStream toEngine) {
    Thread.ofVirtual().start(() -> {
      try {
        fromEngine.transferTo(client.getOutputStream());
      } catch (IOException e) {
        // connection closed by either side
      } finally {
        closeQuietly(client);
      }
    });
    byte[] buffer = new byte[8192];
    try (InputStream in = client.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (sent) {
          sent.write(buffer, 0, n);
        }
        toEngine.write(buffer, 0, n);
        toEngine.flush();
      }
    } catch (IOException e) {
      // connection closed by either side
    } finally {
      try {
        engine.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (open) {
      open.forEach(LoggingRelay::closeQuietly);
    }
  }
}
