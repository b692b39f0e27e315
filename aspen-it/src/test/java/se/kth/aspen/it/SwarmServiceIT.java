package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Aspen run as its users run it on Swarm: the image, deployed with deploy/aspen-stack.yml as a
 * service of two replicas sharing one Redis, on the host network, its secrets from Swarm secrets.
 * It deploys a registry of 20 apps (a local directory mounted into the containers) to this swarm.
 */
class SwarmServiceIT extends Scenario {

  private static final int APPS = 20;
  private static final String IMAGE = AspenImage.tag();
  private static final Path STACK_FILE = Path.of("..", "deploy", "aspen-stack.yml").toAbsolutePath().normalize();
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  private final String aspenStack = "itaspen" + suffix;
  private final String service = aspenStack + "_aspen";
  private final String secretPrefix = "it" + suffix + "_";
  private final String portPrefix = "4" + (100 + ThreadLocalRandom.current().nextInt(800));
  private final String nextImage = "aspen:it-next-" + suffix;
  private final List<String> secrets = new ArrayList<>();
  private final List<String> apps = new ArrayList<>();
  private Path registry;

  private ServiceEvents events;

  @AfterEach
  void removeAspen() throws InterruptedException {
    if (events != null) {
      events.close();
    }
    run(List.of("stack", "rm", aspenStack), Map.of());
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
        .until(() -> engine.docker("ps", "-a", "-q", "--filter", "name=" + service + ".").isBlank());
    for (String secret : secrets) {
      run(List.of("secret", "rm", secret), Map.of());
    }
    run(List.of("image", "rm", nextImage), Map.of());
  }

  @Test
  void twoReplicasDeployEveryStackOnceAndNothingTwiceWhenOneIsKilledOrAllAreUpgraded() throws Exception {
    events = new ServiceEvents();
    Instant start = Instant.now();
    writeRegistry(1);
    deployAspen();

    // Two replicas, 20 apps: each stack created exactly once, both runners pass and agree.
    awaitDeployed(1);
    awaitRunnersAgree(Duration.ofMinutes(3));
    assertThat(counts(writes(start, "create"))).as("every stack's service created once")
        .hasSize(APPS).allSatisfy((name, n) -> assertThat(n).isEqualTo(1));
    // The engine reports one update of each new service on a network: the swarm writing its
    // endpoint. A deploy's update would have left the spec before it as PreviousSpec.
    for (String app : apps) {
      assertThat(engine.service(app + "_web").orElseThrow().has("PreviousSpec")).as("%s never updated", app).isFalse();
    }
    for (int slot = 1; slot <= 2; slot++) {
      JsonNode health = Scenario.JSON.readTree(get(slot, "/healthz").orElseThrow());
      assertThat(health.path("runner").asText()).isEqualTo("aspen-" + slot);
      assertThat(health.has("lastPassStartedAt")).as("runner %s passed", slot).isTrue();
    }

    // A replica killed while it holds leases of a change being deployed: the other takes the
    // leases over once they expire (15 s here; the stack restarts the killed one after 90 s) and
    // deploys those apps itself; nothing twice, no record lost.
    Instant killAt = Instant.now();
    Map<String, String> recordedBefore = goodRecords();
    writeRegistry(2);
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> !leasedBy("aspen-1").isEmpty() || !leasedBy("aspen-2").isEmpty());
    int victim = leasedBy("aspen-1").isEmpty() ? 2 : 1;
    int survivor = 3 - victim;
    String survivorContainer = container(survivor);
    engine.docker("kill", container(victim));
    List<String> orphaned = leasedBy("aspen-" + victim);
    Map<String, String> recordedAtKill = goodRecords();
    assertThat(orphaned).as("leases the killed runner left").isNotEmpty();
    awaitDeployed(2);
    // The killed runner may have written a service and died before recording it: the services
    // then run round 2 before the survivor may touch that app (its lease must expire first), so
    // the survivor's deploy is awaited, not looked for at once.
    List<String> leftUnrecorded = orphaned.stream()
        .filter(app -> Objects.equals(recordedAtKill.get(app), recordedBefore.get(app))).toList();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      String survivorLog = engine.logs(survivorContainer);
      for (String app : leftUnrecorded) {
        assertThat(survivorLog).as("the survivor deployed %s, left by the killed runner", app).contains("pass: active/" + app + " DEPLOYED");
      }
    });
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
        .until(() -> !container(victim).isEmpty() && get(victim, "/healthz").isPresent());
    awaitRunnersAgree(Duration.ofMinutes(3));
    assertThat(counts(writes(killAt, "update"))).as("every stack updated once, none twice")
        .hasSize(APPS).allSatisfy((name, n) -> assertThat(n).isEqualTo(1));

    // A rolling upgrade of Aspen itself while a change is deployed: no pass left half done.
    Instant upgradeAt = Instant.now();
    engine.docker("tag", IMAGE, nextImage);
    writeRegistry(3);
    engine.docker("service", "update", "--detach", "--no-resolve-image", "--image", nextImage, service);
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
        .until(() -> engine.docker("service", "inspect", service, "--format", "{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}")
            .strip().equals("completed"));
    awaitDeployed(3);
    awaitRunnersAgree(Duration.ofMinutes(3));
    // The replaced runners finish their pass after the new ones have started (start-first): their
    // logs are complete only once they have exited.
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() ->
        engine.docker("ps", "-q", "--filter", "name=" + service + ".", "--filter", "status=running").strip().lines().count() == 2);
    // Each container's own log (`docker service logs` hangs on this engine once tasks were replaced).
    List<String> logs = new ArrayList<>();
    for (String task : engine.docker("ps", "-a", "-q", "--filter", "name=" + service + ".").strip().split("\\s+")) {
      logs.addAll(engine.logs(task).lines().toList());
    }
    String story = logs.stream().filter(l -> l.contains(" DEPLOYED ") || l.contains("stop") || l.contains("abandon")
        || l.contains("lease")).collect(Collectors.joining("\n"));
    assertThat(counts(writes(upgradeAt, "update"))).as("every stack updated once through the upgrade; the runners' logs:%n%s", story)
        .hasSize(APPS).allSatisfy((name, n) -> assertThat(n).isEqualTo(1));
    assertThat(String.join("\n", logs)).contains("aspen stopped cleanly").doesNotContain("the running pass was abandoned");
  }

  /** The registry: 20 apps whose web service carries the round in its environment. */
  private void writeRegistry(int round) throws IOException {
    if (registry == null) {
      Path config = Files.createDirectories(dir.resolve("config"));
      registry = Files.createDirectories(config.resolve("registry"));
      Files.writeString(config.resolve("clusters.json"), "[{\"name\": \"active\", \"lb_ip\": \"" + testEnv.dockerHost() + "\"}]");
      for (int i = 0; i < APPS; i++) {
        apps.add(app("sw" + i));
      }
    }
    for (String app : apps) {
      StackFile stack = StackFile.web();
      stack.service("web").env("ROUND", Integer.toString(round));
      Path file = Files.createDirectories(registry.resolve(app).resolve("active")).resolve("docker-stack.yml");
      // Written aside and moved in: a pass never reads half a file.
      Path aside = Files.writeString(file.resolveSibling(".docker-stack.yml.new"), stack.yaml());
      Files.move(aside, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    // The runners are user 10001: everything they read must be readable by others.
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.toList()) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  private void deployAspen() throws IOException {
    secret("aspen_redis_url", testEnv.redisUrl());
    secret("aspen_registry_password", testEnv.registryPassword());
    secret("aspen_api_token", "token-" + suffix);
    secret("aspen_vault_key", Files.readString(EXAMPLES.resolve("vault-key.example-only")));
    secret("aspen_app_passwords", Files.readString(EXAMPLES.resolve("app-passwords.example-only.yml")));
    Map<String, String> env = new HashMap<>();
    env.put("ASPEN_IMAGE", IMAGE);
    env.put("DOCKER_GID", socketGroup());
    env.put("ASPEN_SECRET_PREFIX", secretPrefix);
    env.put("ASPEN_CONFIG_DIR", dir.resolve("config").toString());
    env.put("ASPEN_API_PORT_PREFIX", portPrefix);
    env.put("ASPEN_HEALTH_INTERVAL", "2s");
    env.put("ASPEN_UPDATE_MONITOR", "5s");
    env.put("ASPEN_RESTART_DELAY", "90s");
    // A pass of 20 apps takes 10-50 s on this shared machine: the graces leave room for the slowest.
    env.put("ASPEN_SHUTDOWN_GRACE", "150");
    env.put("ASPEN_STOP_GRACE", "180s");
    env.put("REGISTRY_REPOSITORY_URL", "/etc/aspen/registry");
    env.put("CLUSTER_STATUS_API_URL", "/etc/aspen/clusters.json");
    env.put("CLUSTER_STATUS_URL_IS_FILE", "1");
    env.put("CLUSTERS_TO_DEPLOY", "active");
    env.put("MANAGEMENT_RES_GRP", "it-" + suffix);
    env.put("DOCKER_REGISTRY_URL", testEnv.registryUrl());
    env.put("DOCKER_REGISTRY_USER", testEnv.registryUser());
    env.put("DELAY_SECS_BETWEEN_RUNS", "2");
    env.put("VERIFY_START_DELAY_SECS", "1");
    env.put("VERIFY_START_RETRY_TIMES", "60");
    env.put("LEASE_TTL_SECS", "15");
    List<String> out = run(List.of("stack", "deploy", "--resolve-image", "never", "-c", STACK_FILE.toString(), aspenStack), env);
    assertThat(engine.stackServices(aspenStack)).as(String.join("\n", out)).containsExactly(service);
  }

  private String socketGroup() throws IOException {
    return Files.getAttribute(Path.of("/var/run/docker.sock"), "unix:gid").toString();
  }

  private void secret(String name, String content) throws IOException {
    Path file = Files.writeString(dir.resolve("secret-" + name), content);
    String full = secretPrefix + name;
    engine.docker("secret", "create", full, file.toString());
    secrets.add(full);
    Files.delete(file);
  }

  /** Waits until every app's service runs with this round's environment. */
  private void awaitDeployed(int round) {
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> {
      for (String app : apps) {
        if (engine.service(app + "_web").isEmpty() || !engine.serviceEnv(app + "_web").contains("ROUND=" + round)
            || !engine.replicas(app + "_web").equals("1/1")) {
          return false;
        }
      }
      return true;
    });
  }

  /** Waits until both runners' last passes found every app UNCHANGED: deployed, and recorded where both read it. */
  private void awaitRunnersAgree(Duration within) {
    await().atMost(within).pollInterval(Duration.ofSeconds(2)).until(() -> allUnchanged(1) && allUnchanged(2));
  }

  private boolean allUnchanged(int slot) throws IOException {
    Optional<String> body = get(slot, "/api/v1/applications");
    if (body.isEmpty()) {
      return false;
    }
    List<String> statuses = new ArrayList<>();
    Scenario.JSON.readTree(body.get()).path("results").forEach(r -> statuses.add(r.path("status").asText()));
    return statuses.size() == APPS && statuses.stream().allMatch("UNCHANGED"::equals);
  }

  private Optional<String> get(int slot, String path) {
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portPrefix + slot + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Each app's last verified deploy as recorded in Redis (the {@code good} field of its target hash). */
  private Map<String, String> goodRecords() {
    Map<String, String> records = new HashMap<>();
    try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis(URI.create(testEnv.redisUrl()))) {
      for (String key : jedis.keys("aspen:it-" + suffix + ":target:active:*")) {
        String path = key.substring(key.indexOf(":target:active:") + ":target:active:".length());
        String good = jedis.hget(key, "good");
        if (good != null) {
          records.put(path.substring(0, path.indexOf('/')), good);
        }
      }
    }
    return records;
  }

  /** The apps whose deploy lease the named runner holds now, from the shared Redis. */
  private List<String> leasedBy(String runner) {
    List<String> leased = new ArrayList<>();
    try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis(URI.create(testEnv.redisUrl()))) {
      for (String key : jedis.keys("aspen:it-" + suffix + ":lease:*")) {
        String value = jedis.get(key);
        if (value != null && value.endsWith(" " + runner)) {
          // aspen:<group>:lease:<cluster>:<app>/<cluster>/docker-stack.yml
          String path = key.substring(key.indexOf(":lease:active:") + ":lease:active:".length());
          leased.add(path.substring(0, path.indexOf('/')));
        }
      }
    }
    return leased;
  }

  /** The running container of a replica, by its task slot; empty when there is none. */
  private String container(int slot) {
    return engine.docker("ps", "-q", "--filter", "name=" + service + "." + slot + ".", "--filter", "status=running").strip();
  }

  private List<Engine.Write> writes(Instant since, String action) {
    return events.since(since, action, apps);
  }

  private static Map<String, Long> counts(List<Engine.Write> writes) {
    return writes.stream().collect(Collectors.groupingBy(Engine.Write::name, Collectors.counting()));
  }

  /** A docker command with extra environment (the stack file's variables); its output lines. */
  private List<String> run(List<String> args, Map<String, String> extra) {
    List<String> command = new ArrayList<>();
    command.add(testEnv.dockerCli().toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DOCKER_HOST", testEnv.dockerHost());
    builder.environment().put("DOCKER_API_VERSION", testEnv.dockerApiVersion());
    builder.environment().putAll(extra);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(120, TimeUnit.SECONDS);
      return out.lines().toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run docker " + args + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
