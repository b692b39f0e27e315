package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.core.pass.PassFixture.only;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.fake.FakeOrchestrator;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Convergence;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.LeaseHolder;
import se.kth.aspen.core.port.RecoveryNotice;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.RunningService;
import se.kth.aspen.core.port.UnreachableException;

/** Issue 12: a state that was tried and failed is not applied again; could-not-try is retried. */
class FailedDeployTest {

  static final String STACK = "app/active/docker-stack.yml";
  static final String IMAGE = "registry.example.org/app";

  @TempDir Path root;
  PassFixture f;

  @BeforeEach
  void oneApp() {
    f = new PassFixture(root);
    f.images.push(IMAGE, "1.0.0", "1.0.1", "1.0.2");
    f.registry.write(STACK, TestRegistry.stack(IMAGE + ":1.0.1"));
  }

  private AppResult pass() {
    return only(f.deploy(), STACK);
  }

  @Test
  void aStateThatDidNotConvergeIsBlockedAndNeverAppliedAgain() {
    f.orchestrator.neverConverges("app", "web", "task: non-zero exit (1)");

    AppResult first = pass();
    assertThat(first.status()).isEqualTo(AppStatus.FAILED);
    assertThat(first.triedAndFailed()).isTrue();
    assertThat(first.step()).contains("Verify");
    assertThat(first.reason()).contains("tasks failed: web: rejected (task: non-zero exit (1))");

    f.clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 3; i++) {
      f.clock.advance(Duration.ofMinutes(20));
      AppResult later = pass();
      assertThat(later.status()).isEqualTo(AppStatus.BLOCKED);
      assertThat(later.blockedSince()).contains(Instant.parse("2026-01-01T00:00:00Z"));
      assertThat(later.step()).contains("Verify");
      assertThat(later.reason().orElseThrow()).startsWith("tasks failed: web: rejected (task: non-zero exit (1)) "
          + "(this desired state failed 1 time, first at 2026-01-01T00:00:00Z; not applied again until");
    }
    assertThat(f.orchestrator.deploys()).hasSize(1);
    assertThat(f.notifier.errors()).singleElement().isInstanceOfSatisfying(ErrorNotice.DeployFailed.class, e -> {
      assertThat(e.cluster() + "/" + e.application() + " " + e.step()).isEqualTo("active/app Verify");
      assertThat(e.reason()).startsWith("tasks failed: ");
      assertThat(e.channels()).containsExactly("#team-a");
    });
  }

  @Test
  void aFixingCommitDeploysAndTheRecoveryIsAnnounced() {
    f.orchestrator.neverConverges("app", "web", "crash");
    pass();
    pass();
    f.orchestrator.heal("app");
    f.registry.write(STACK, TestRegistry.stack(IMAGE + ":1.0.2"));

    AppResult fixed = pass();

    assertThat(fixed.status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(f.notifier.errors()).singleElement().isInstanceOfSatisfying(ErrorNotice.DeployFailed.class,
        e -> assertThat(e.step()).isEqualTo("Verify"));
    assertThat(f.notifier.recoveries()).containsExactly(new RecoveryNotice("app", "active",
        List.of(ImageReference.parse(IMAGE + ":1.0.2@" + se.kth.aspen.core.fake.FakeImageRegistry.digestOf(IMAGE + ":1.0.2"))),
        "Verify", Instant.parse("2026-01-01T00:00:00Z"), List.of("#team-a")));
    assertThat(pass().status()).isEqualTo(AppStatus.UNCHANGED);
  }

  @Test
  void goingBackToTheLastGoodStateAfterAFailureDeploysIt() {
    pass();
    f.registry.write(STACK, TestRegistry.stack(IMAGE + ":1.0.2"));
    f.orchestrator.neverConverges("app", "web", "crash");
    assertThat(pass().status()).isEqualTo(AppStatus.FAILED);
    f.orchestrator.heal("app");

    f.registry.write(STACK, TestRegistry.stack(IMAGE + ":1.0.1"));

    assertThat(pass().status()).as("the failed state may still run on the cluster").isEqualTo(AppStatus.DEPLOYED);
  }

  @Test
  void aRetryUnblocksTheSameStateOnce() throws Exception {
    f.orchestrator.neverConverges("app", "web", "crash");
    pass();
    AppTarget target = only(f.deploy(), STACK).target();

    Pass pass = new Pass(f.ports(), f.settings, f.clock);
    assertThat(pass.retry(target.key(PassFixture.GROUP))).isTrue();
    assertThat(pass.retry(target.key(PassFixture.GROUP))).isFalse();

    assertThat(pass().status()).isEqualTo(AppStatus.FAILED);
    assertThat(f.orchestrator.deploys()).hasSize(2);
    assertThat(pass().status()).isEqualTo(AppStatus.BLOCKED);
  }

  @Test
  void aRetryKeepsTheLastGoodDeploy() throws Exception {
    pass();
    f.registry.write(STACK, TestRegistry.stack(IMAGE + ":1.0.2"));
    f.orchestrator.neverConverges("app", "web", "crash");
    pass();
    var key = new AppTarget("app", "active", root, STACK).key(PassFixture.GROUP);
    var good = f.state.read(key).lastGood();

    new Pass(f.ports(), f.settings, f.clock).retry(key);

    assertThat(f.state.read(key).lastGood()).isEqualTo(good).isPresent();
    assertThat(f.state.read(key).lastFailed()).isEmpty();
  }

  @Test
  void theOptionalBackoffRetriesAfterDoublingWaits() throws Exception {
    f.settings = f.settings.toBuilder().failedRetryBackoff(Optional.of(Duration.ofMinutes(15))).build();
    f.orchestrator.neverConverges("app", "web", "crash");
    pass();                                       // t=0, attempt 1
    f.clock.advance(Duration.ofMinutes(14));
    assertThat(pass().status()).isEqualTo(AppStatus.BLOCKED);
    f.clock.advance(Duration.ofMinutes(1));       // t=15: 15 after the first failure
    assertThat(pass().status()).isEqualTo(AppStatus.FAILED);
    f.clock.advance(Duration.ofMinutes(29));      // t=44: the second wait is 30
    assertThat(pass().status()).isEqualTo(AppStatus.BLOCKED);
    f.clock.advance(Duration.ofMinutes(1));       // t=45
    assertThat(pass().status()).isEqualTo(AppStatus.FAILED);

    assertThat(f.orchestrator.deploys()).hasSize(3);
    var failure = f.state.read(new AppTarget("app", "active", root, STACK).key(PassFixture.GROUP)).lastFailed().orElseThrow();
    assertThat(failure.attempts()).isEqualTo(3);
    assertThat(failure.since()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void anUnreachableEngineIsRetriedNextPassAndNeverBlocks() {
    f.orchestrator.failDeploy("app", new UnreachableException("connecting to active.example:2376: connection refused"));

    AppResult first = pass();
    assertThat(first.couldNotTry()).isTrue();
    assertThat(first.reason()).contains("connecting to active.example:2376: connection refused");
    assertThat(f.notifier.errors()).singleElement().isInstanceOfSatisfying(ErrorNotice.DeployFailed.class,
        e -> assertThat(e.stackTrace()).isPresent());

    f.orchestrator.heal("app");
    assertThat(pass().status()).isEqualTo(AppStatus.DEPLOYED);
  }

  @Test
  void aSpecTheEngineRefusedIsTriedAndFailed() {
    f.orchestrator.failDeploy("app", new RefusedException("creating service app_web: invalid mount config"));

    assertThat(pass().triedAndFailed()).isTrue();
    assertThat(pass().status()).isEqualTo(AppStatus.BLOCKED);
  }

  @Test
  void swarmsOwnRollbackIsAFailureNeverASuccess() {
    f.orchestrator.converge("app", new Convergence(true,
        List.of(new RunningService("web", IMAGE + ":1.0.0", 2, 2, Optional.of("rollback_completed"))), List.of(),
        List.of("web (update rolled back: task failed)")));

    AppResult result = pass();

    assertThat(result.triedAndFailed()).isTrue();
    assertThat(result.reason()).contains("Swarm rolled back the update of web (update rolled back: task failed)");
  }

  @Test
  void aLeaseHeldByAPeerIsHeldNotAFailureAndNotAnnounced() throws Exception {
    var key = new AppTarget("app", "active", root, STACK).key(PassFixture.GROUP);
    assertThat(f.state.tryLease(key, Duration.ofHours(1))).isPresent();

    AppResult result = pass();

    assertThat(result.status()).isEqualTo(AppStatus.HELD);
    assertThat(result.failure()).isEmpty();
    assertThat(result.step()).contains("Lease");
    assertThat(result.heldBy()).contains(LeaseHolder.unknown());
    assertThat(result.reason()).contains("being deployed by another runner, which holds its lease; left to it");
    assertThat(f.orchestrator.changes()).isZero();
    assertThat(f.notifier.errors()).isEmpty();
  }

  @Test
  void wholeStackRollbackPutsBackTheServicesThisDeployUpdated() {
    f.settings = f.settings.toBuilder().rollbackOnFailure(true).build();
    pass();
    f.registry.write(STACK, TestRegistry.stack(IMAGE + ":1.0.2"));
    f.orchestrator.neverConverges("app", "web", "crash");

    AppResult result = pass();

    assertThat(result.rolledBack()).containsExactly("web");
    assertThat(result.reason().orElseThrow()).endsWith("; rolled back web to their previous spec");
    assertThat(f.orchestrator.rollbacks()).containsExactly(new FakeOrchestrator.Rollback("active", "app", List.of("web")));
  }

  @Test
  void wholeStackRollbackPutsBackWhatADeployStoppedByAFailedDependencyHadUpdatedNotWhatItCreated() {
    f.settings = f.settings.toBuilder().rollbackOnFailure(true).build();
    f.orchestrator.failDeploy("app", new RefusedException("service app_web was not deployed: it depends on migrate "
        + "(service_completed_successfully), which failed: migrate: failed (task: non-zero exit (1))", null, List.of("cache"),
        List.of("migrate")));

    AppResult result = pass();

    assertThat(result.triedAndFailed()).isTrue();
    assertThat(result.reason().orElseThrow()).contains("migrate: failed (task: non-zero exit (1))")
        .endsWith("; rolled back migrate to their previous spec");
    assertThat(f.orchestrator.rollbacks()).containsExactly(new FakeOrchestrator.Rollback("active", "app", List.of("migrate")));
  }

  @Test
  void aDeployStoppedByAFailedDependencyRollsNothingBackWhenRollbackIsOff() {
    f.orchestrator.failDeploy("app", new RefusedException("service app_web was not deployed", null, List.of(), List.of("migrate")));

    AppResult result = pass();

    assertThat(result.triedAndFailed()).isTrue();
    assertThat(result.rolledBack()).isEmpty();
    assertThat(f.orchestrator.rollbacks()).isEmpty();
  }

  @Test
  void anAppsLabelTurnsWholeStackRollbackOnWhenTheRunnerHasItOff() {
    pass();
    f.registry.write(STACK, TestRegistry.stack(IMAGE + ":1.0.2")
        .replace("se.kth.importance: high\n", "se.kth.importance: high\n      se.kth.aspen.rollbackOnFailure: \"true\"\n"));
    f.orchestrator.neverConverges("app", "web", "crash");

    AppResult result = pass();

    assertThat(result.rolledBack()).as(result.toString()).containsExactly("web");
  }

  @Test
  void aPortThatHangsPastTheDeadlineFailsOnlyItsTarget() {
    f.settings = f.settings.toBuilder().targetTimeout(Duration.ofMillis(300)).build();
    f.registry.write("other/active/docker-stack.yml", TestRegistry.stack(IMAGE + ":1.0.0"));
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    f.orchestrator.hangDeploy("app", never);

    PassReport report = f.deploy();
    never.countDown();

    assertThat(only(report, STACK).couldNotTry()).isTrue();
    assertThat(only(report, STACK).reason()).contains("did not finish within PT0.3S; abandoned, tried again next pass");
    assertThat(only(report, "other/active/docker-stack.yml").status()).isEqualTo(AppStatus.DEPLOYED);
  }

  @Test
  void aFailureInOneAppNeverTouchesAnother() {
    f.registry.write("other/active/docker-stack.yml", TestRegistry.stack(IMAGE + ":1.0.0"));
    f.orchestrator.crashDeploy("app", new IllegalStateException("bug"));

    PassReport report = f.deploy();

    assertThat(only(report, STACK).failure()).contains(FailureKind.INTERNAL);
    assertThat(only(report, STACK).reason()).contains("unexpected IllegalStateException: bug");
    assertThat(only(report, "other/active/docker-stack.yml").status()).isEqualTo(AppStatus.DEPLOYED);
  }

  @Test
  void theEnginesDeployWarningsReachTheResult() {
    f.orchestrator.warn("app", "image registry.example.org/app:1.0.1 could not be accessed on a registry");

    AppResult deployed = pass();

    assertThat(deployed.status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(deployed.warnings()).containsExactly("image registry.example.org/app:1.0.1 could not be accessed on a registry");
  }

  @Test
  void theEnginesDeployWarningsAreKeptWhenTheDeployThenFailsToConverge() {
    f.orchestrator.warn("app", "service web: ignoring IP-address").neverConverges("app", "web", "task: non-zero exit (1)");

    AppResult failed = pass();

    assertThat(failed.status()).isEqualTo(AppStatus.FAILED);
    assertThat(failed.warnings()).containsExactly("service web: ignoring IP-address");
  }
}
