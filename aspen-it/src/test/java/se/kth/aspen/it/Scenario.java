package se.kth.aspen.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.fake.MutableClock;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.testenv.TestEnvironment;

/**
 * What every end-to-end scenario stands on: a git registry of its own, WireMock as the cluster
 * status API and the notifier, the shared swarm, registry and Redis under a management group
 * of its own, a clock the test moves, and the environment map a runner would be started with.
 * Every stack a scenario names is removed afterwards.
 */
abstract class Scenario {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String DEPLOY_PATH = "/notify/deployment";
  static final String ERROR_PATH = "/notify/error";
  static final String RECOMMEND_PATH = "/notify/recommendation";

  @TempDir Path dir;

  final TestEnvironment testEnv = TestEnvironment.get();
  final Engine engine = new Engine();
  final String suffix = UUID.randomUUID().toString().substring(0, 6);
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T08:00:00Z"));
  final List<String> stacks = new ArrayList<>();
  final List<AutoCloseable> closing = new ArrayList<>();
  private final AtomicInteger markers = new AtomicInteger();
  WireMockServer wire;
  GitRemote git;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void startWorld() {
    wire = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    wire.start();
    wire.stubFor(put(urlEqualTo(DEPLOY_PATH)).willReturn(ok()));
    wire.stubFor(put(urlEqualTo(ERROR_PATH)).willReturn(ok()));
    wire.stubFor(put(urlEqualTo(RECOMMEND_PATH)).willReturn(ok()));
    clusters(cluster("active", testEnv.dockerHost(), false), cluster("stage", testEnv.dockerHost(), false));
    git = new GitRemote(dir.resolve("git"));
    env.put("REGISTRY_REPOSITORY_URL", git.url());
    env.put("REGISTRY_SUB_DIRECTORY", dir.resolve("checkout").toString());
    env.put("ASPEN_STATE_DIR", dir.resolve("state").toString());
    env.put("CLUSTER_STATUS_API_URL", wire.baseUrl() + "/clusters");
    env.put("CLUSTERS_TO_DEPLOY", "*");
    env.put("DOCKER_REGISTRY_URL", testEnv.registryUrl());
    env.put("DOCKER_REGISTRY_USER", testEnv.registryUser());
    env.put("DOCKER_REGISTRY_PWD", testEnv.registryPassword());
    env.put("REDIS_URL", testEnv.redisUrl());
    env.put("MANAGEMENT_RES_GRP", "it-" + suffix);
    env.put("SLACK_DEPLOYMENT_POST_URL", wire.baseUrl() + DEPLOY_PATH);
    env.put("SLACK_ERROR_POST_URL", wire.baseUrl() + ERROR_PATH);
    env.put("SLACK_RECOMMENDATION_POST_URL", wire.baseUrl() + RECOMMEND_PATH);
    env.put("VERIFY_START_DELAY_SECS", "1");
    env.put("VERIFY_START_RETRY_TIMES", "40");
    env.put("REQUEST_TIMEOUT", "5");
    env.put("PARALLELISM", "5");
  }

  @AfterEach
  void stopWorld() {
    for (AutoCloseable c : closing.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        // the next resource is still closed
      }
    }
    engine.removeStacks(stacks);
    forgetState();
    if (git != null) {
      git.close();
    }
    if (wire != null) {
      wire.stop();
    }
  }

  /** Removes this test's keys from the shared Redis (its management group is its own). */
  private void forgetState() {
    try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis(java.net.URI.create(testEnv.redisUrl()))) {
      var scan = new redis.clients.jedis.params.ScanParams().match("aspen:it-" + suffix + ":*").count(500);
      String cursor = "0";
      do {
        var page = jedis.scan(cursor, scan);
        if (!page.getResult().isEmpty()) {
          jedis.del(page.getResult().toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!cursor.equals("0"));
    } catch (RuntimeException e) {
      // a test that stopped Redis on purpose used its own; the shared one being away is not this test's failure
    }
  }

  /** A fresh application name (the Swarm stack name), removed after the test. */
  String app(String base) {
    String name = "it" + base + suffix;
    stacks.add(name);
    return name;
  }

  static String stackPath(String app, String cluster) {
    return "apps/" + app + "/" + cluster + "/docker-stack.yml";
  }

  void writeStack(String app, String cluster, StackFile stack) {
    git.write(stackPath(app, cluster), stack.yaml());
  }

  /**
   * What the Python tool did: the stack file with its variables filled ({@code WEB_VERSION} with
   * {@code version}, the cluster {@code active}), deployed with the real {@code docker stack
   * deploy}, so the stack carries no Aspen label.
   */
  void deployWithTheCli(String app, StackFile stack, String version) throws Exception {
    Path file = dir.resolve(app + ".yml");
    Files.writeString(file, stack.yaml().replace("${WEB_VERSION}", version).replace("${PORTILLO_CLUSTER}", "active"));
    engine.docker("stack", "deploy", "--with-registry-auth", "-c", file.toString(), app);
  }

  Aspen aspen() {
    Aspen aspen = Aspen.compose(env, dir, clock);
    closing.add(aspen);
    return aspen;
  }

  static Map<String, Object> cluster(String name, String endpoint, boolean preparing) {
    Map<String, Object> c = new HashMap<>();
    c.put("name", name);
    c.put("lb_ip", endpoint);
    if (preparing) {
      c.put("preparing", true);
    }
    return c;
  }

  @SafeVarargs
  final void clusters(Map<String, Object>... clusters) {
    try {
      wire.stubFor(get(urlEqualTo("/clusters")).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(List.of(clusters)))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until every notice the runner queued before now has been delivered: the notifier
   * sends in order on one thread, so a marker sent last arriving means the rest arrived.
   */
  void drainNotices(Aspen aspen) {
    String marker = "marker-" + markers.incrementAndGet() + "-" + suffix;
    aspen.adapters().ports().notifier().recommendation(
        new RecommendationNotice.MissingLabel(marker, "se.kth.marker", marker, List.of()));
    await().atMost(Duration.ofSeconds(30)).until(() -> bodies(RECOMMEND_PATH).stream()
        .anyMatch(b -> b.path("message").asText().contains(marker)));
  }

  List<JsonNode> bodies(String path) {
    List<JsonNode> out = new ArrayList<>();
    for (LoggedRequest request : wire.findAll(putRequestedFor(urlEqualTo(path)))) {
      try {
        out.add(JSON.readTree(request.getBodyAsString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  List<JsonNode> deployments() {
    return bodies(DEPLOY_PATH);
  }

  List<JsonNode> errors() {
    return bodies(ERROR_PATH);
  }

  List<JsonNode> recommendationsFor(String app) {
    return bodies(RECOMMEND_PATH).stream().filter(b -> b.path("message").asText().contains(app)).toList();
  }

  static AppResult result(PassReport report, String app, String cluster) {
    return report.results().stream()
        .filter(r -> r.target().application().equals(app) && r.target().cluster().equals(cluster))
        .findFirst().orElseThrow(() -> new AssertionError("no result for " + cluster + "/" + app + " in " + report));
  }

  /** The engine's writes to this test's stacks from {@code since} to now. */
  List<Engine.Write> writesSince(Instant since) {
    return engine.writes(since, Instant.now(), stacks);
  }

  static String describe(PassReport report) {
    StringBuilder s = new StringBuilder();
    report.results().forEach(r -> s.append(r.target().cluster()).append('/').append(r.target().application()).append(' ')
        .append(r.status()).append(' ').append(r.step().orElse("")).append(' ').append(r.reason().orElse("")).append('\n'));
    report.problems().forEach(p -> s.append("problem: ").append(p).append('\n'));
    return s.toString();
  }
}
