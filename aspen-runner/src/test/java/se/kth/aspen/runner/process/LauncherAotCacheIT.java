package se.kth.aspen.runner.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.testenv.TestEnvironment;

/**
 * The {@code ./aspen} launcher's AOT cache, with the real launcher, JDK and jar: a checkout of
 * its own in a temporary directory (the launcher, scripts/find-jdk.sh, the examples and a copy of
 * the jar), so that the cache it makes and the jar it touches are this test's alone. On a JDK
 * before 25 the launcher makes no cache, and the tests check exactly that.
 */
class LauncherAotCacheIT {

  private static final TestEnvironment ENV = TestEnvironment.get();
  private static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).getParent();
  private static final boolean AOT_JDK = Runtime.version().feature() >= 25;

  @TempDir Path dir;

  private Path checkout;
  private Path target;

  private record Result(int exitCode, String out, String err) {}

  @BeforeEach
  void checkoutOfItsOwn() throws IOException {
    checkout = dir.resolve("checkout");
    target = Files.createDirectories(checkout.resolve("aspen-runner").resolve("target"));
    Files.copy(REPOSITORY.resolve("aspen"), checkout.resolve("aspen"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.createDirectories(checkout.resolve("scripts"));
    Files.copy(REPOSITORY.resolve("scripts").resolve("find-jdk.sh"), checkout.resolve("scripts").resolve("find-jdk.sh"),
        StandardCopyOption.COPY_ATTRIBUTES);
    copyTree(REPOSITORY.resolve("examples"), checkout.resolve("examples"));
    String jar = System.getProperty("aspen.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("system property aspen.jar (" + jar + ") names no jar: run this IT through Failsafe after package");
    }
    Files.copy(Path.of(jar), target.resolve("aspen.jar"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path copy = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy);
        }
      }
    }
  }

  /** What a plan over the examples needs: the real registry and Redis, a group of this test's own. */
  private Map<String, String> planEnv() {
    Map<String, String> env = baseEnv();
    env.put("REGISTRY_REPOSITORY_URL", checkout.resolve("examples").resolve("registry").toString());
    env.put("CLUSTER_STATUS_API_URL", checkout.resolve("examples").resolve("clusters.json").toString());
    env.put("CLUSTER_STATUS_URL_IS_FILE", "1");
    env.put("CLUSTERS_TO_DEPLOY", "active");
    env.put("DOCKER_REGISTRY_URL", ENV.registryUrl());
    env.put("DOCKER_REGISTRY_USER", ENV.registryUser());
    env.put("DOCKER_REGISTRY_PWD", ENV.registryPassword());
    env.put("REDIS_URL", ENV.redisUrl());
    env.put("MANAGEMENT_RES_GRP", "it-launcher-" + UUID.randomUUID().toString().substring(0, 8));
    return env;
  }

  private Map<String, String> baseEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", dir.toString());
    env.put("ASPEN_STATE_DIR", dir.resolve("state").toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    return env;
  }

  private Process start(List<String> args, Map<String, String> env, String name) throws IOException {
    List<String> command = new ArrayList<>(List.of(checkout.resolve("aspen").toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
    return builder.start();
  }

  private Result finish(Process process, String name) throws IOException, InterruptedException {
    try {
      assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s finished", name).isTrue();
    } finally {
      process.destroyForcibly();
    }
    return new Result(process.exitValue(), Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8));
  }

  private Result run(List<String> args, Map<String, String> env, String name) throws IOException, InterruptedException {
    return finish(start(args, env, name), name);
  }

  private List<Path> caches() throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(f -> f.getFileName().toString().matches("aspen-\\d+\\.aot")).toList();
    }
  }

  private static JsonNode planJson(Result plan) throws IOException {
    JsonNode json = new ObjectMapper().readTree(plan.out());
    assertThat(json.get("results")).as("the plan's results in %s", plan.out()).isNotNull();
    return json;
  }

  /** The JVM's own messages on stderr ([warning][aot] ..., [error][aot] ...). */
  private static void assertNoJvmMessage(Result result) {
    assertThat(result.err()).doesNotContain("[warning]", "[error]", "[aot");
  }

  /**
   * The files the JVM of {@code ./aspen healthcheck} maps while it waits for an answer (the
   * launcher execs java, so the process is the JVM): read once it connected to a socket that
   * accepts and never answers.
   */
  private String mapsWhileWaiting(Map<String, String> env) throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Process healthcheck = start(List.of("healthcheck", "--port", String.valueOf(silent.getLocalPort()), "--timeout", "30"),
          env, "healthcheck");
      Socket connected = silent.accept();
      String maps;
      try {
        maps = Files.readString(Path.of("/proc", String.valueOf(healthcheck.pid()), "maps"));
      } finally {
        connected.close();
      }
      Result result = finish(healthcheck, "healthcheck");
      assertThat(result.exitCode()).as("a healthcheck that got no answer").isEqualTo(1);
      assertNoJvmMessage(result);
      return maps;
    }
  }

  @Test
  void theFirstPlanMakesTheCacheTheNextCommandsMapItAndARebuiltJarGetsItsOwnWithoutAWarning() throws Exception {
    Map<String, String> env = planEnv();

    Result first = run(List.of("plan", "--json"), env, "first");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(planJson(first).get("results")).hasSize(2);
    if (!AOT_JDK) {
      assertThat(caches()).isEmpty();
      assertThat(first.err()).doesNotContain("AOT cache");
      assertThat(mapsWhileWaiting(env)).doesNotContain(".aot");
      return;
    }
    assertThat(first.err()).contains("making the JVM's AOT cache for this jar, once").contains("AOT cache made in");
    assertNoJvmMessage(first);
    List<Path> made = caches();
    assertThat(made).hasSize(1);
    assertThat(target).isDirectoryNotContaining("glob:**/*.tmp.aot");

    Result second = run(List.of("plan", "--json"), env, "second");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(planJson(second).get("results")).hasSize(2);
    assertThat(second.err()).doesNotContain("AOT cache");
    assertNoJvmMessage(second);
    assertThat(mapsWhileWaiting(env)).as("the JVM of a one-shot command maps the cache").contains(made.get(0).toString());

    // A rebuilt jar: another modification time. Commands that make no cache run without one,
    // those that do make the jar's own and remove the old one; the JVM never sees a mismatch.
    Path jar = target.resolve("aspen.jar");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
    assertThat(mapsWhileWaiting(env)).doesNotContain(".aot");
    Result rebuilt = run(List.of("plan", "--json"), env, "rebuilt");
    assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
    assertThat(planJson(rebuilt).get("results")).hasSize(2);
    assertThat(rebuilt.err()).contains("AOT cache made in");
    assertNoJvmMessage(rebuilt);
    assertThat(caches()).hasSize(1).doesNotContain(made.get(0));
    assertThat(mapsWhileWaiting(env)).contains(caches().get(0).toString());
  }

  @Test
  void aTrainingThatFailsLeavesTheCommandWorkingAndIsNotTriedAgainForTheSameJar() throws Exception {
    // No temporary directory for the training's copy of the examples: the training fails.
    Map<String, String> env = baseEnv();
    env.put("TMPDIR", dir.resolve("missing").toString());
    List<String> validate = List.of("validate", checkout.resolve("examples").resolve("registry").toString());

    Result first = run(validate, env, "first");
    Result second = run(validate, env, "second");

    for (Result result : List.of(first, second)) {
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out()).contains("2 stacks checked, 0 invalid");
      assertNoJvmMessage(result);
    }
    assertThat(caches()).isEmpty();
    if (AOT_JDK) {
      assertThat(first.err()).contains("could not make the AOT cache").contains("this jar runs without it");
    } else {
      assertThat(first.err()).doesNotContain("AOT cache");
    }
    assertThat(second.err()).doesNotContain("AOT cache");
  }
}
