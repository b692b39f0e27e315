package se.kth.aspen.core.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import se.kth.aspen.core.compose.StackFileException;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.compose.StackSource;

/**
 * Read (both phases) and check of a typical three-service stack file, from disk, as a pass does
 * for every app whose fingerprint it must compute.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StackReadBenchmark {

  static final String SERVICE = """
        %s:
          image: 127.0.0.1:5000/%s:${TAG_%s}
          environment:
            TAG_%s: "~2.9.0"
            APPLICATION: ${APPLICATION_NAME}
            CLUSTER: ${PORTILLO_CLUSTER}
            LOG_LEVEL: info
          env_file: [secrets.decrypted.env]
          ports: ["%d:8080"]
          networks: [front]
          healthcheck:
            test: [CMD, wget, -q, -O-, http://localhost:8080/_monitor]
            interval: 10s
            timeout: 2s
            retries: 3
          deploy:
            replicas: 2
            labels:
              traefik.enable: "true"
              traefik.frontend.rule: "PathPrefix:/%s"
              se.kth.slackChannels: "#team-web"
              se.kth.importance: high
            restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 60s}
            update_config: {parallelism: 1, delay: 10s, order: start-first}
            resources:
              limits: {cpus: "0.5", memory: 256M}
              reservations: {cpus: "0.1", memory: 128M}
          logging:
            options: {max-size: 10m, max-file: "3"}
      """;

  private Path dir;
  private Path file;
  private StackSource parsed;
  private final StackReader reader = new StackReader();
  private final Policies policies = Policies.of(PolicySettings.DEFAULT);
  private final Map<String, String> variables = Map.of("TAG_WEB", "2.9.202_3b01b96", "TAG_API", "2.9.202_3b01b96",
      "TAG_WORKER", "2.9.202_3b01b96", "APPLICATION_NAME", "app", "PORTILLO_CLUSTER", "active");

  @Setup
  public void write() throws IOException, StackFileException {
    StringBuilder yaml = new StringBuilder("version: \"3.8\"\nservices:\n");
    int port = 18080;
    for (String name : List.of("web", "api", "worker")) {
      String upper = name.toUpperCase(java.util.Locale.ROOT);
      yaml.append(SERVICE.formatted(name, name, upper, upper, port++, name));
    }
    yaml.append("networks:\n  front:\n    driver: overlay\n");
    dir = Files.createTempDirectory("stack-read-benchmark");
    file = dir.resolve("docker-stack.yml");
    Files.writeString(file, yaml);
    parsed = reader.parse(file, "team/app/active/docker-stack.yml");
  }

  @TearDown
  public void delete() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  /** Phase 1 alone: what a pass pays to learn a semver app's version ranges. */
  @Benchmark
  public StackSource parse() throws StackFileException {
    return reader.parse(file, "team/app/active/docker-stack.yml");
  }

  /** Phase 2 and the policies, from a source parsed once (what a cache of sources would leave). */
  @Benchmark
  public List<Violation> modelAndCheck() throws StackFileException {
    return policies.check(reader.model(parsed, variables), "app");
  }

  @Benchmark
  public List<Violation> readAndCheck() throws StackFileException {
    StackSource source = reader.parse(file, "team/app/active/docker-stack.yml");
    StackModel model = reader.model(source, variables);
    List<Violation> violations = policies.check(model, "app");
    if (!violations.isEmpty() || source.versionRequests().size() != 3) {
      throw new IllegalStateException("the benchmark's stack should be compliant: " + violations);
    }
    return violations;
  }
}
