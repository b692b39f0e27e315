package se.kth.aspen.core.pass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A registry directory written by a test: stack files from a template that passes every policy. */
final class TestRegistry {

  final Path root;

  TestRegistry(Path root) {
    this.root = root;
  }

  /** Writes a file below the root, creating directories. */
  Path write(String relative, String content) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path write(String relative, byte[] content) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes a file or a whole directory below the root, as a commit that deletes an app does. */
  void delete(String relative) {
    try (Stream<Path> files = Files.walk(root.resolve(relative))) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A stack with one service {@code web} running {@code image}, passing every policy. */
  static String stack(String image) {
    return stack(image, "", "");
  }

  /**
   * A compliant one-service stack.
   *
   * @param environment extra lines under {@code environment:}, each indented six spaces
   * @param extra extra lines under the service, each indented four spaces
   */
  static String stack(String image, String environment, String extra) {
    return """
        version: "3.8"
        services:
          web:
            image: %s
            environment:
              LOG_LEVEL: info
        %s    labels:
              se.kth.slackChannels: "#team-a"
              se.kth.importance: high
        %s    logging:
              options:
                max-size: 10m
                max-file: "3"
            deploy:
              replicas: 2
              restart_policy:
                condition: on-failure
                delay: 5s
                max_attempts: 3
              resources:
                limits:
                  cpus: "0.5"
                  memory: 100M
                reservations:
                  cpus: "0.1"
                  memory: 50M
              labels:
                traefik.frontend.rule: "PathPrefix:/app/"
        """.formatted(image, environment, extra);
  }
}
