package se.kth.aspen.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Redis or a Docker registry of the test's own, on a free loopback port, that the test may
 * kill: the shared ones are never stopped.
 */
final class OwnProcess implements AutoCloseable {

  private final List<String> command;
  private final Path log;
  private final int port;
  private Process process;

  private OwnProcess(List<String> command, int port, Path log) {
    this.command = command;
    this.port = port;
    this.log = log;
  }

  /** {@code redis-server} without persistence: a restart starts empty, as a lost Redis would. */
  static OwnProcess redis(Path dir) {
    int port = freePort();
    return new OwnProcess(List.of("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--save", "",
        "--appendonly", "no", "--dir", dir.toString()), port, dir.resolve("redis.log")).start();
  }

  /** {@code docker-registry} over a copy of the shared registry's storage, with the same users. */
  static OwnProcess registry(Path dir) {
    try {
      Path source = Path.of("/var/lib/aspen-testenv/registry");
      Path data = dir.resolve("data");
      copyTree(source.resolve("data"), data);
      int port = freePort();
      Path config = dir.resolve("config.yml");
      Files.writeString(config, "version: 0.1\n"
          + "log: {level: warn, accesslog: {disabled: true}}\n"
          + "storage: {filesystem: {rootdirectory: " + data + "}, delete: {enabled: true}}\n"
          + "http: {addr: 127.0.0.1:" + port + ", secret: it-only}\n"
          + "auth: {htpasswd: {realm: aspen-it-registry, path: " + source.resolve("htpasswd") + "}}\n");
      return new OwnProcess(List.of("docker-registry", "serve", config.toString()), port, dir.resolve("registry.log")).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code docker-registry} over a copy of the shared registry's storage (so it holds the same
   * images) but with a user of its own, so that only its own login opens it.
   */
  static OwnProcess registryWithOwnUser(Path dir, String user, String password) {
    try {
      Path data = dir.resolve("data");
      copyTree(Path.of("/var/lib/aspen-testenv/registry").resolve("data"), data);
      Path htpasswd = dir.resolve("htpasswd");
      Process hash = new ProcessBuilder("htpasswd", "-Bbc", htpasswd.toString(), user, password)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (hash.waitFor() != 0) {
        throw new IllegalStateException("htpasswd failed with exit code " + hash.exitValue());
      }
      int port = freePort();
      Path config = dir.resolve("config.yml");
      Files.writeString(config, "version: 0.1\n"
          + "log: {level: warn, accesslog: {disabled: true}}\n"
          + "storage: {filesystem: {rootdirectory: " + data + "}, delete: {enabled: true}}\n"
          + "http: {addr: 127.0.0.1:" + port + ", secret: it-only}\n"
          + "auth: {htpasswd: {realm: aspen-it-second-registry, path: " + htpasswd + "}}\n");
      return new OwnProcess(List.of("docker-registry", "serve", config.toString()), port, dir.resolve("registry.log")).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int port() {
    return port;
  }

  /** Starts it again on the same port. */
  OwnProcess start() {
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await().atMost(Duration.ofSeconds(20)).until(this::listening);
    return this;
  }

  /** Kills it at once, as a crash would. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> !listening());
  }

  private boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
