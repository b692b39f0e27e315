package se.kth.aspen.runner.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.fake.FakeClusterDirectory;
import se.kth.aspen.core.fake.FakeRegistrySource;
import se.kth.aspen.core.fake.RecordingNotifier;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.Pass;
import se.kth.aspen.core.pass.PassMode;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.pass.PassSettings;
import se.kth.aspen.core.pass.Ports;
import se.kth.aspen.core.port.ClusterDirectory;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.Orchestrator;
import se.kth.aspen.core.port.RegistrySource;
import se.kth.aspen.core.port.SecretStore;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.testenv.TestStacks;
import se.kth.aspen.runner.http.Reports;
import se.kth.aspen.runner.metrics.PassMetrics;

class SyncLoopTest {

  private SyncLoop loop;

  @AfterEach
  void stop() throws Exception {
    if (loop != null) {
      loop.shutdown(Duration.ofSeconds(5));
    }
  }

  /** A port whose every method throws, as a defect in an adapter would. */
  @SuppressWarnings("unchecked")
  private static <T> T throwing(Class<T> port) {
    return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.getName().equals("toString") ? "throwing " + port.getSimpleName() : method.invoke(port, args);
      }
      throw new IllegalStateException(port.getSimpleName() + "." + method.getName() + " exploded");
    });
  }

  @Test
  void aPassForSomeAppsRunsAtOnceAndItsResultsReplaceTheirsInTheLastReport() {
    List<java.util.Set<String>> focused = new CopyOnWriteArrayList<>();
    AtomicInteger whole = new AtomicInteger();
    List<PassReport> heard = new CopyOnWriteArrayList<>();
    loop = new SyncLoop(new PassExecution() {
      @Override
      public PassReport run(se.kth.aspen.core.pass.PassListener listener) {
        whole.incrementAndGet();
        return Reports.report("rev-1", Reports.deployed("app-a", "active", "img:1"), Reports.deployed("app-b", "active", "img:1"));
      }

      @Override
      public PassReport runFor(java.util.Set<String> applications, se.kth.aspen.core.pass.PassListener listener) {
        focused.add(applications);
        return Reports.report("rev-2", Reports.blocked("app-b", "active", java.time.Instant.EPOCH));
      }
    }, Duration.ofHours(1), List.of(new PassObserver() {
      @Override
      public void passDone(PassReport report) {
        heard.add(report);
      }
    }));
    loop.begin(true);
    await().atMost(Duration.ofSeconds(5)).until(() -> loop.lastReport().isPresent());

    assertThat(loop.trigger(java.util.Set.of("app-b"))).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 2);

    assertThat(focused).containsExactly(java.util.Set.of("app-b"));
    assertThat(whole).hasValue(1);
    assertThat(heard.get(1).results()).extracting(r -> r.target().application()).containsExactly("app-b");
    PassReport last = loop.lastReport().orElseThrow();
    assertThat(last.revision()).isEqualTo("rev-2");
    assertThat(last.results()).extracting(r -> r.target().application() + " " + r.status())
        .containsExactly("app-a DEPLOYED", "app-b BLOCKED");
  }

  @Test
  void theLoopGoesOnWhenEveryAdapterThrowsOnEveryCall() {
    RecordingNotifier notifier = new RecordingNotifier();
    Ports ports = new Ports(throwing(RegistrySource.class), throwing(ClusterDirectory.class),
        throwing(ImageRegistry.class), throwing(SecretStore.class), throwing(Orchestrator.class),
        throwing(StateStore.class), notifier);
    Pass pass = new Pass(ports, PassSettings.defaults("g").build(), Clock.systemUTC());
    AtomicInteger passes = new AtomicInteger();
    PassMetrics metrics = new PassMetrics();
    loop = new SyncLoop(listener -> {
      passes.incrementAndGet();
      return pass.run(PassMode.DEPLOY, listener);
    }, Duration.ofMillis(5), List.of(new PassObserver() {
      @Override
      public void passDone(PassReport report) {
        metrics.record(report);
      }

      @Override
      public void passCrashed(Throwable failure) {
        metrics.recordCrash();
      }
    }, new PassLog(notifier, Clock.systemUTC())));

    loop.begin(true);

    await().atMost(Duration.ofSeconds(20)).until(() -> passes.get() >= 3);
    assertThat(loop.state()).isIn(LoopState.RUNNING, LoopState.WAITING);
  }

  @Test
  void aPassReachingEveryAppStageGoesOnWhenTheAdaptersBehindThemThrow(@TempDir Path registry) throws Exception {
    Path stack = registry.resolve("app-a/active/docker-stack.yml");
    Files.createDirectories(stack.getParent());
    Files.writeString(stack, TestStacks.COMPLIANT);
    RecordingNotifier notifier = new RecordingNotifier();
    Ports ports = new Ports(new FakeRegistrySource(registry, "rev-1"), FakeClusterDirectory.of("active"),
        throwing(ImageRegistry.class), throwing(SecretStore.class), throwing(Orchestrator.class),
        throwing(StateStore.class), notifier);
    Pass pass = new Pass(ports, PassSettings.defaults("g").build(), Clock.systemUTC());
    List<PassReport> reports = new CopyOnWriteArrayList<>();
    loop = new SyncLoop(listener -> pass.run(PassMode.DEPLOY, listener), Duration.ofMillis(5),
        List.of(new PassObserver() {
          @Override
          public void passDone(PassReport report) {
            reports.add(report);
          }
        }, new PassLog(notifier, Clock.systemUTC())));

    loop.begin(true);

    await().atMost(Duration.ofSeconds(20)).until(() -> reports.size() >= 3);
    assertThat(reports.getLast().results()).singleElement()
        .satisfies(result -> assertThat(result.status()).isEqualTo(AppStatus.FAILED));
  }

  @Test
  void aPassThatThrowsIsReportedAndTheNextPassStillRuns() {
    RecordingNotifier notifier = new RecordingNotifier();
    AtomicInteger passes = new AtomicInteger();
    List<Throwable> crashes = new CopyOnWriteArrayList<>();
    loop = new SyncLoop(listener -> {
      passes.incrementAndGet();
      throw new IllegalStateException("the registry source exploded");
    }, Duration.ofMillis(5), List.of(new PassObserver() {
      @Override
      public void passCrashed(Throwable failure) {
        crashes.add(failure);
      }
    }, new PassLog(notifier, Clock.systemUTC())));

    loop.begin(true);

    await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 3 && crashes.size() >= 3);
    assertThat(crashes.getFirst()).hasMessage("the registry source exploded");
    assertThat(notifier.errors().getFirst()).isInstanceOfSatisfying(ErrorNotice.PassCrashed.class, crash -> {
      assertThat(crash.exception()).isEqualTo("IllegalStateException");
      assertThat(crash.message()).contains("the registry source exploded");
      assertThat(crash.stackTrace()).contains("the registry source exploded");
    });
    assertThat(loop.state()).isIn(LoopState.RUNNING, LoopState.WAITING);
  }

  @Test
  void twoPassesNeverOverlapHoweverOftenAPassIsTriggered() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger passes = new AtomicInteger();
    loop = new SyncLoop(listener -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      Thread.onSpinWait();
      running.decrementAndGet();
      passes.incrementAndGet();
      return Reports.report("r");
    }, Duration.ofHours(1), List.of());
    loop.begin(false);

    List<Thread> triggers = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread t = Thread.ofPlatform().start(() -> {
        for (int j = 0; j < 50; j++) {
          loop.trigger();
        }
      });
      triggers.add(t);
    }
    for (Thread t : triggers) {
      t.join();
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> loop.state() == LoopState.STOPPED && passes.get() >= 1);
    assertThat(most.get()).isEqualTo(1);
  }

  @Test
  void aTriggerDuringAPassStartsExactlyOneMoreRightAfterIt() {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger passes = new AtomicInteger();
    loop = new SyncLoop(listener -> {
      if (passes.incrementAndGet() == 1) {
        release.await();
      }
      return Reports.report("r");
    }, Duration.ofHours(1), List.of());
    loop.begin(false);
    loop.trigger();
    await().atMost(Duration.ofSeconds(10)).until(() -> loop.state() == LoopState.RUNNING);

    loop.trigger();
    loop.trigger();
    release.countDown();

    await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() == 2 && loop.state() == LoopState.STOPPED);
    assertThat(loop.lastReport()).isPresent();
  }

  @Test
  void shutdownLetsARunningPassFinishWithinTheGrace() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    loop = new SyncLoop(listener -> {
      started.countDown();
      release.await();
      return Reports.report("r");
    }, Duration.ofHours(1), List.of());
    loop.begin(true);
    started.await();

    Thread.ofPlatform().start(release::countDown);

    assertThat(loop.shutdown(Duration.ofSeconds(30))).isTrue();
    assertThat(loop.trigger()).as("no pass starts after shutdown").isFalse();
  }

  @Test
  void shutdownAbandonsAPassThatOutlastsTheGrace() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    loop = new SyncLoop(listener -> {
      started.countDown();
      new CountDownLatch(1).await();
      return Reports.report("never");
    }, Duration.ofHours(1), List.of());
    loop.begin(true);
    started.await();

    assertThat(loop.shutdown(Duration.ofMillis(200))).isFalse();
    assertThat(loop.lastReport()).isEmpty();
  }
}
