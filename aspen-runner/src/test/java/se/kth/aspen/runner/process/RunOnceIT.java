package se.kth.aspen.runner.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.testenv.TestEnvironment;
import se.kth.aspen.redis.RedisStateStore;

/**
 * The jar's own composition against the real swarm, registry and Redis: the repository's
 * examples, under unique app names, deployed by {@code run --once}, then found unchanged.
 */
class RunOnceIT {

  private static final TestEnvironment ENV = TestEnvironment.get();
  private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).getParent().resolve("examples");

  @TempDir Path dir;

  private final String prefix = "it-runner-" + UUID.randomUUID().toString().substring(0, 8);
  private Path registry;

  @BeforeEach
  void registryWithUniqueAppNames() throws IOException {
    registry = dir.resolve("registry");
    for (String example : List.of("example-semver", "example-secrets")) {
      Path from = EXAMPLES.resolve("registry").resolve(example).resolve("active");
      Path to = Files.createDirectories(registry.resolve(prefix + "-" + example.substring("example-".length())).resolve("active"));
      try (Stream<Path> files = Files.list(from)) {
        for (Path file : files.toList()) {
          Files.copy(file, to.resolve(file.getFileName()));
        }
      }
    }
    // The example passwords file names example-secrets; give the renamed app the same password.
    Path passwords = dir.resolve("app-passwords.yml");
    Files.writeString(passwords, prefix + "-secrets: example-app-password-NOT-A-SECRET\n");
    Path key = EXAMPLES.resolve("vault-key.example-only");
    run(List.of("vault", "encrypt", passwords.toString(), "--password-file", key.toString()), Map.of());
  }

  @AfterEach
  void removeStacks() throws Exception {
    new ProcessBuilder(ENV.dockerCli().toString(), "stack", "rm", prefix + "-semver", prefix + "-secrets")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start().waitFor(60, TimeUnit.SECONDS);
    try (RedisStateStore redis = RedisStateStore.connect(ENV.redisUrl(), Duration.ofSeconds(5))) {
      redis.forgetCluster(prefix, "active");
    }
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", dir.toString());
    env.put("REGISTRY_REPOSITORY_URL", registry.toString());
    env.put("CLUSTER_STATUS_API_URL", EXAMPLES.resolve("clusters.json").toString());
    env.put("CLUSTER_STATUS_URL_IS_FILE", "1");
    env.put("CLUSTERS_TO_DEPLOY", "active");
    env.put("VAULT_KEY_PATH", EXAMPLES.resolve("vault-key.example-only").toString());
    env.put("APP_PWD_FILE_PATH", dir.resolve("app-passwords.yml").toString());
    env.put("DOCKER_REGISTRY_URL", ENV.registryUrl());
    env.put("DOCKER_REGISTRY_USER", ENV.registryUser());
    env.put("DOCKER_REGISTRY_PWD", ENV.registryPassword());
    env.put("REDIS_URL", ENV.redisUrl());
    env.put("MANAGEMENT_RES_GRP", prefix);
    env.put("VERIFY_START_DELAY_SECS", "1");
    env.put("VERIFY_START_RETRY_TIMES", "60");
    return env;
  }

  private record Result(int exitCode, String out, String err) {}

  private Result run(List<String> args, Map<String, String> env) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", System.getProperty("aspen.jar")));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    try {
      assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("aspen %s finished", args).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      process.destroyForcibly();
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Map<String, JsonNode> byApp(String json) throws IOException {
    Map<String, JsonNode> results = new HashMap<>();
    for (JsonNode result : new ObjectMapper().readTree(json).get("results")) {
      results.put(result.get("application").asText(), result);
    }
    return results;
  }

  @Test
  void runOnceDeploysTheExamplesToTheRealSwarmThenFindsThemUnchanged() throws Exception {
    Result plan = run(List.of("plan", "--json"), env());
    Result first = run(List.of("run", "--once", "--json"), env());
    Result second = run(List.of("run", "--once"), env());

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(byApp(plan.out()).get(prefix + "-semver").get("status").asText()).isEqualTo("CHANGED");
    assertThat(first.exitCode()).as(first.err()).isZero();
    Map<String, JsonNode> deployed = byApp(first.out());
    assertThat(deployed.get(prefix + "-semver").get("status").asText()).isEqualTo("DEPLOYED");
    assertThat(deployed.get(prefix + "-semver").get("images").get("web").asText())
        .startsWith(ENV.registryHost() + "/busybox:1.2.4_0a1b2c3");
    assertThat(deployed.get(prefix + "-secrets").get("status").asText()).isEqualTo("DEPLOYED");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).containsPattern(prefix + "-semver\\s+active\\s+UNCHANGED")
        .containsPattern(prefix + "-secrets\\s+active\\s+UNCHANGED");
    assertThat(first.err() + second.err()).doesNotContain(ENV.registryPassword(), "example-only-NOT-A-SECRET");
  }
}
