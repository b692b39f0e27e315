package se.kth.aspen.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar aspen.jar run} as a child process, exactly as an operator starts it, its API
 * on a free loopback port; stopped with SIGTERM.
 */
final class AspenProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("HTTP API listening on 127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final Path log;
  private final int port;

  AspenProcess(Map<String, String> env, Path dir) {
    String jar = System.getProperty("aspen.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("system property aspen.jar (" + jar + ") names no jar: run this IT through Failsafe after package");
    }
    this.log = dir.resolve("aspen.log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar, "run");
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("HOME", dir.toString());
    builder.environment().put("ASPEN_API_PORT", "0");
    builder.environment().put("ASPEN_API_BIND", "127.0.0.1");
    builder.directory(dir.toFile());
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.redirectError(log.toFile());
    try {
      this.process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await().atMost(Duration.ofSeconds(60)).failFast(() -> !process.isAlive()).until(() -> LISTENING.matcher(log()).find());
    Matcher m = LISTENING.matcher(log());
    m.find();
    this.port = Integer.parseInt(m.group(1));
  }

  int port() {
    return port;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Everything the runner logged so far. */
  String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
