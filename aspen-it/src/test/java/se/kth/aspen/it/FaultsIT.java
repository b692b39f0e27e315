package se.kth.aspen.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.FailureKind;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.pass.Ports;
import se.kth.aspen.core.port.TargetState;

/**
 * Faults: each leaves the runner able to pass again, reports what happened, and records
 * nothing that did not happen.
 */
class FaultsIT extends Scenario {

  private final String app = app("fault");

  private void oneApp(StackFile stack) {
    writeStack(app, "active", stack);
    git.commitAndPush("one app");
  }

  private Aspen watched(Runnable afterDeploy) {
    Aspen aspen = Aspen.compose(env, dir, clock, ports -> new Ports(ports.registry(), ports.clusters(), ports.images(),
        ports.secrets(), new WatchedOrchestrator(ports.orchestrator(), new WatchedOrchestrator.Overlaps(), afterDeploy),
        ports.state(), ports.notifier()));
    closing.add(aspen);
    return aspen;
  }

  @Test
  void redisStoppedDuringADeployIsReportedAndTheNextPassesRecoverWithoutFalseRecords() throws Exception {
    OwnProcess redis = OwnProcess.redis(Files.createDirectories(dir.resolve("redis")));
    closing.add(redis);
    env.put("REDIS_URL", "redis://127.0.0.1:" + redis.port());
    oneApp(StackFile.web());
    AtomicInteger deploys = new AtomicInteger();
    Aspen aspen = watched(() -> {
      if (deploys.incrementAndGet() == 1) {
        redis.kill();
      }
    });

    PassReport during = aspen.deployPass();

    // The deploy call went through, but with Redis gone the runner cannot prove it still holds the
    // target's lease: it stops there and records nothing, and a later pass verifies.
    AppResult cut = result(during, app, "active");
    assertThat(cut.status()).as(describe(during)).isEqualTo(AppStatus.FAILED);
    assertThat(cut.failure()).contains(FailureKind.COULD_NOT_TRY);
    assertThat(cut.reason().orElseThrow()).contains("lost the lease of active/" + app).contains("nothing recorded");
    PassReport down = aspen.deployPass();
    AppResult couldNot = result(down, app, "active");
    assertThat(couldNot.status()).as(describe(down)).isEqualTo(AppStatus.FAILED);
    assertThat(couldNot.failure()).contains(FailureKind.COULD_NOT_TRY);
    assertThat(deploys).hasValue(1);

    redis.start();
    PassReport back = aspen.deployPass();
    assertThat(result(back, app, "active").status()).as(describe(back)).isEqualTo(AppStatus.DEPLOYED);
    assertThat(aspen.state("active", stackPath(app, "active")).lastGood()).isPresent();
    assertThat(result(aspen.deployPass(), app, "active").status()).isEqualTo(AppStatus.UNCHANGED);
  }

  @Test
  void aStoppedRegistryLeavesTheRunningVersionAndRecordsNothingUntilItIsBack() throws Exception {
    OwnProcess registry = OwnProcess.registry(Files.createDirectories(dir.resolve("registry")));
    closing.add(registry);
    String host = "127.0.0.1:" + registry.port();
    env.put("DOCKER_REGISTRY_URL", "http://" + host);
    StackFile stack = StackFile.web();
    stack.service("web").image(host + "/busybox:${WEB_VERSION}");
    oneApp(stack);
    Aspen aspen = aspen();
    assertThat(result(aspen.deployPass(), app, "active").status()).isEqualTo(AppStatus.DEPLOYED);
    TargetState good = aspen.state("active", stackPath(app, "active"));
    long version = engine.serviceVersion(app + "_web");
    stack.service("web").range("~1.2.3");
    stack.service("web").env("CHANGED", "yes");
    writeStack(app, "active", stack);
    git.commitAndPush("a change while the registry is down");

    registry.kill();
    PassReport down = aspen.deployPass();

    AppResult failed = result(down, app, "active");
    assertThat(failed.status()).as(describe(down)).isEqualTo(AppStatus.FAILED);
    assertThat(failed.failure()).contains(FailureKind.COULD_NOT_TRY);
    assertThat(failed.step()).contains("Resolve");
    assertThat(engine.serviceVersion(app + "_web")).isEqualTo(version);
    assertThat(aspen.state("active", stackPath(app, "active"))).isEqualTo(good);

    registry.start();
    PassReport back = aspen.deployPass();
    assertThat(result(back, app, "active").status()).as(describe(back)).isEqualTo(AppStatus.DEPLOYED);
    assertThat(engine.serviceEnv(app + "_web")).contains("CHANGED=yes");
  }

  @Test
  void aRemovedGitRemoteIsReportedAndTheLastSnapshotKeepsServing() throws Exception {
    oneApp(StackFile.web());
    Aspen aspen = aspen();
    assertThat(result(aspen.deployPass(), app, "active").status()).isEqualTo(AppStatus.DEPLOYED);

    try (Stream<Path> walk = Files.walk(git.bare())) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    Instant since = Instant.now();
    PassReport report = aspen.deployPass();

    assertThat(report.problems()).as(describe(report)).anyMatch(p -> p.contains("registry"));
    assertThat(report.results()).allMatch(r -> r.status() == AppStatus.UNCHANGED);
    assertThat(writesSince(since)).isEmpty();
  }

  @Test
  void aClusterApiAnswering500OrTooSlowlyIsReportedAndDeploysNothing() {
    env.put("REQUEST_TIMEOUT", "1");
    oneApp(StackFile.web());
    wire.stubFor(get(urlEqualTo("/clusters")).willReturn(aResponse().withStatus(500).withBody("boom")));
    Aspen aspen = aspen();

    PassReport broken = aspen.deployPass();
    assertThat(result(broken, app, "active").failure()).as(describe(broken)).contains(FailureKind.COULD_NOT_TRY);
    assertThat(broken.problems()).anyMatch(p -> p.contains("cluster directory"));

    wire.stubFor(get(urlEqualTo("/clusters")).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)
        .withHeader("Content-Type", "application/json").withBody("[{\"name\":\"active\",\"lb_ip\":\"" + testEnv.dockerHost() + "\"}]")));
    PassReport slow = aspen.deployPass();
    assertThat(result(slow, app, "active").failure()).as(describe(slow)).contains(FailureKind.COULD_NOT_TRY);
    assertThat(engine.stackServices(app)).isEmpty();

    clusters(cluster("active", testEnv.dockerHost(), false));
    PassReport back = aspen.deployPass();
    assertThat(result(back, app, "active").status()).as(describe(back)).isEqualTo(AppStatus.DEPLOYED);
  }

  @Test
  void aNotifierThatHangsDoesNotHoldThePass() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger received = new AtomicInteger();
    HttpServer notifier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    notifier.createContext("/", exchange -> {
      received.incrementAndGet();
      try {
        release.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    notifier.start();
    closing.add(() -> notifier.stop(0));
    closing.add(release::countDown);
    String url = "http://127.0.0.1:" + notifier.getAddress().getPort();
    env.put("SLACK_DEPLOYMENT_POST_URL", url + "/deploy");
    env.put("SLACK_ERROR_POST_URL", url + "/error");
    env.put("SLACK_RECOMMENDATION_POST_URL", url + "/recommend");
    oneApp(StackFile.web());
    Aspen aspen = aspen();

    // The notifier answers only once the test lets it, after the pass: a pass that waited for it would never end.
    PassReport report = java.util.concurrent.CompletableFuture.supplyAsync(aspen::deployPass).get(90, TimeUnit.SECONDS);

    assertThat(result(report, app, "active").status()).as(describe(report)).isEqualTo(AppStatus.DEPLOYED);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> received.get() >= 1);
    assertThat(java.util.concurrent.CompletableFuture.supplyAsync(aspen::deployPass).get(90, TimeUnit.SECONDS).results())
        .allMatch(r -> r.status() == AppStatus.UNCHANGED);
    release.countDown();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> received.get() >= 2);
  }

  @Test
  void aRunnerAbandonedDuringADeployLeavesNothingRecordedAndTheNextRunnerConverges() throws Exception {
    env.remove("REDIS_URL");
    oneApp(StackFile.web());
    CountDownLatch never = new CountDownLatch(1);
    Aspen dying = watched(() -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("killed");
      }
    });
    Thread killed = Thread.ofPlatform().start(dying::deployPass);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> !engine.stackServices(app).isEmpty());
    killed.interrupt();
    killed.join(java.time.Duration.ofSeconds(30));

    Aspen restarted = aspen();
    assertThat(restarted.state("active", stackPath(app, "active")).lastGood()).as("nothing was recorded for the cut deploy").isEmpty();
    PassReport next = restarted.deployPass();

    assertThat(result(next, app, "active").status()).as(describe(next)).isEqualTo(AppStatus.DEPLOYED);
    assertThat(engine.replicas(app + "_web")).isEqualTo("1/1");
    assertThat(restarted.state("active", stackPath(app, "active")).lastGood()).isPresent();
  }

  @Test
  void aRunnerKilledDuringADeployWithRedisStateLeavesALeaseThatLapsesAndTheNextRunnerConvergesWithinItsTtl() throws Exception {
    oneApp(StackFile.web());
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    // A killed process neither renews nor gives back its lease: its target stays where it was, deaf to interrupts.
    Aspen dying = watched(() -> {
      stuck.countDown();
      boolean interrupted = false;
      while (never.getCount() > 0) {
        try {
          never.await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    });
    closing.add(never::countDown);
    Thread killed = Thread.ofPlatform().start(dying::deployPass);
    assertThat(stuck.await(60, TimeUnit.SECONDS)).as("the dying runner deployed").isTrue();
    killed.interrupt();
    killed.join(java.time.Duration.ofSeconds(30));

    Aspen restarted = aspen();
    PassReport first = restarted.deployPass();
    assertThat(result(first, app, "active").status()).as(describe(first)).isEqualTo(AppStatus.HELD);
    assertThat(result(first, app, "active").reason()).as(describe(first))
        .hasValueSatisfying(reason -> assertThat(reason).contains("which holds its lease; left to it"));
    assertThat(restarted.state("active", stackPath(app, "active")).lastGood()).as("nothing was recorded for the cut deploy").isEmpty();

    java.util.concurrent.atomic.AtomicReference<PassReport> last = new java.util.concurrent.atomic.AtomicReference<>();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).pollInterval(java.time.Duration.ofSeconds(2))
        .until(() -> {
          last.set(restarted.deployPass());
          return result(last.get(), app, "active").status() == AppStatus.DEPLOYED;
        });

    assertThat(engine.replicas(app + "_web")).isEqualTo("1/1");
    assertThat(restarted.state("active", stackPath(app, "active")).lastGood()).isPresent();
  }
}
