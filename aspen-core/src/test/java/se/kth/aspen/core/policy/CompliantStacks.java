package se.kth.aspen.core.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.kth.aspen.core.compose.StackFileException;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackReader;

/** A stack that follows every policy, and variations of it with one line changed or removed. */
public final class CompliantStacks {

  public static final String FILE = "team/app/active/docker-stack.yml";

  /** Line 1 is {@code version}; the service {@code web} starts on line 3. */
  public static final String COMPLIANT = """
      version: "3.8"
      services:
        web:
          image: 127.0.0.1:5000/busybox:1.2.3
          deploy:
            replicas: 2
            labels:
              traefik.frontend.rule: "PathPrefix:/app"
            restart_policy:
              condition: on-failure
              delay: 5s
              max_attempts: 3
            resources:
              limits:
                cpus: "0.5"
                memory: 64M
              reservations:
                cpus: "0.1"
                memory: 32M
          logging:
            options:
              max-size: 10m
              max-file: "3"
      """;

  private CompliantStacks() {}

  /** The compliant stack without the one line that reads {@code line} once indentation is ignored. */
  public static String without(String line) {
    List<String> lines = new ArrayList<>(COMPLIANT.lines().toList());
    if (!lines.removeIf(l -> l.strip().equals(line.strip()))) {
      throw new IllegalArgumentException("no line " + line);
    }
    return String.join("\n", lines) + "\n";
  }

  public static String replacing(String line, String replacement) {
    if (!COMPLIANT.contains(line)) {
      throw new IllegalArgumentException("no line " + line);
    }
    return COMPLIANT.replace(line, replacement);
  }

  static StackModel model(Path dir, String yaml) {
    try {
      Path file = dir.resolve("docker-stack.yml");
      Files.writeString(file, yaml);
      return new StackReader().read(file, FILE, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (StackFileException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
