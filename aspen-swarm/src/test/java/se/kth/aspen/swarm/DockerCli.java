package se.kth.aspen.swarm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import se.kth.aspen.core.testenv.TestEnvironment;

/** The engine's own docker client (20.10, API 1.41), for what tests check or compare against. */
final class DockerCli {

  private DockerCli() {}

  /** Runs the client; returns stdout; fails with stderr when the exit code is not 0. */
  static String run(String... args) {
    return run(null, args);
  }

  static String run(java.nio.file.Path directory, String... args) {
    return run(directory, Map.of(), args);
  }

  /** Runs the client in {@code directory} with {@code variables} added to its environment. */
  static String run(java.nio.file.Path directory, Map<String, String> variables, String... args) {
    List<String> command = new ArrayList<>();
    command.add(TestEnvironment.get().dockerCli().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("DOCKER_API_VERSION", TestEnvironment.get().dockerApiVersion());
    builder.environment().put("DOCKER_HOST", TestEnvironment.get().dockerHost());
    builder.environment().putAll(variables);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      var err = process.getErrorStream();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String error = new String(err.readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError("docker " + String.join(" ", args) + " failed: " + error);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run docker: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
