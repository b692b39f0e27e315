package se.kth.aspen.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A redis-server of the test's own, on a free loopback port, that the test may kill, pause and
 * start again: the shared one must never be disturbed. Keeps nothing on disk.
 */
final class OwnRedis implements AutoCloseable {

  private final int port;
  private final List<String> persistence;
  private Process process;

  private OwnRedis(int port, List<String> persistence) {
    this.port = port;
    this.persistence = persistence;
  }

  static OwnRedis start() {
    OwnRedis redis = new OwnRedis(freePort(), List.of("--save", "", "--appendonly", "no"));
    redis.startAgain();
    return redis;
  }

  /** A server that keeps its data in {@code dir} (append-only, fsync per write), so a stop loses nothing. */
  static OwnRedis startPersistent(java.nio.file.Path dir) {
    OwnRedis redis = new OwnRedis(freePort(), List.of("--save", "", "--appendonly", "yes", "--appendfsync", "always",
        "--dir", dir.toString()));
    redis.startAgain();
    return redis;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** Starts the server on the same port and waits until it answers PING. */
  void startAgain() {
    try {
      List<String> command = new java.util.ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1", "--port",
          Integer.toString(port)));
      command.addAll(persistence);
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server (is it installed? scripts/test-env.sh installs it)", e);
    }
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(this::answersPing);
  }

  /** Kills the server at once, as a crash would, and waits until it is gone. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for redis-server to die", e);
    }
  }

  /** Freezes the server (SIGSTOP): connections stay open and nothing answers. */
  void pause() {
    signal("-STOP");
  }

  void resume() {
    signal("-CONT");
  }

  private void signal(String signal) {
    try {
      int exit = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException("kill " + signal + " " + process.pid() + " exited with " + exit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling redis-server", e);
    }
  }

  private boolean answersPing() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] answer = in.readNBytes(7);
      return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      resume();
      kill();
    }
  }
}
