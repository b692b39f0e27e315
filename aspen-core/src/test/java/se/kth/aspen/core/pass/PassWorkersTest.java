package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a pass spreads its targets over PARALLELISM workers, and how it ends when interrupted. */
class PassWorkersTest {

  static final String IMAGE = "registry.example.org/app";
  static final int APPS = 7;

  @TempDir Path root;
  PassFixture f;

  @BeforeEach
  void sevenApps() {
    f = new PassFixture(root);
    f.images.push(IMAGE, "1.0.0");
    for (int i = 0; i < APPS; i++) {
      f.registry.write("app-" + i + "/active/docker-stack.yml", TestRegistry.stack(IMAGE + ":1.0.0"));
    }
    f.settings = f.settings.toBuilder().parallelism(3).build();
  }

  @Test
  void noMoreThanParallelismTargetsDeployAtOnceAndEveryOneIsDeployed() {
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < APPS; i++) {
      f.orchestrator.hangDeploy("app-" + i, release);
    }
    AtomicReference<PassReport> report = new AtomicReference<>();
    Thread pass = Thread.ofVirtual().start(() -> report.set(f.deploy()));

    await().atMost(Duration.ofSeconds(10)).until(() -> f.orchestrator.deploysInProgress() == 3);
    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> !pass.isAlive());

    assertThat(f.orchestrator.mostDeploysAtOnce()).isEqualTo(3);
    assertThat(report.get().results()).hasSize(APPS).allSatisfy(r -> assertThat(r.status()).isEqualTo(AppStatus.DEPLOYED));
  }

  @Test
  void anInterruptedPassStopsTakingTargetsAndReportsEveryOne() throws Exception {
    f.settings = f.settings.toBuilder().parallelism(1).build();
    CountDownLatch never = new CountDownLatch(1);
    f.orchestrator.hangDeploy("app-0", never);
    AtomicReference<PassReport> report = new AtomicReference<>();
    Thread pass = Thread.ofVirtual().start(() -> report.set(f.deploy()));
    await().atMost(Duration.ofSeconds(10)).until(() -> f.orchestrator.deploysInProgress() == 1);

    pass.interrupt();
    pass.join(Duration.ofSeconds(10));

    assertThat(pass.isAlive()).isFalse();
    assertThat(f.orchestrator.deploys()).isEmpty();
    assertThat(report.get().results()).hasSize(APPS).allSatisfy(r -> {
      assertThat(r.couldNotTry()).as(r.toString()).isTrue();
      assertThat(r.reason()).as(r.toString()).hasValue("the pass was interrupted");
    });
  }
}
