package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.kth.aspen.core.pass.PassFixture.only;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.fake.FakeOrchestrator;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.LeaseHolder;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;
import se.kth.aspen.core.port.UnreachableException;

/**
 * Issue 9's leases as the pass keeps them: short, renewed while the target works, given up when
 * it ends; a lease that is lost records nothing; the state is decided again once the lease is held.
 */
class LeaseTest {

  static final String STACK = "app/active/docker-stack.yml";
  static final String IMAGE = "registry.example.org/app";
  // Short enough that renewals (a third of it, in real time) happen while a test waits for them;
  // expiry is measured on the fixture's clock, which only the test moves.
  static final Duration SHORT = Duration.ofMillis(300);
  // So long that no renewal runs on its own during a test: only the pass's own confirmations renew.
  static final Duration NEVER_ON_ITS_OWN = Duration.ofHours(1);

  @TempDir Path root;
  PassFixture f;
  ScriptedStateStore store;
  TargetKey key;
  final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void oneApp() {
    f = new PassFixture(root);
    f.images.push(IMAGE, "1.0.0", "1.0.1");
    f.registry.write(STACK, TestRegistry.stack(IMAGE + ":1.0.1"));
    store = new ScriptedStateStore(f.state);
    f.passState = store;
    key = new AppTarget("app", "active", root, STACK).key(PassFixture.GROUP);
  }

  @AfterEach
  void letHungDeploysGo() {
    release.countDown();
  }

  private CompletableFuture<AppResult> passInBackground() {
    return CompletableFuture.supplyAsync(() -> only(f.deploy(), STACK));
  }

  private Pass secondRunner(FakeOrchestrator orchestrator) {
    return new Pass(new Ports(f.source, f.clusters, f.images, f.secrets, orchestrator, store, f.notifier), f.settings, f.clock);
  }

  @Test
  void aLeaseIsRenewedDuringALongDeploySoAnotherRunnerCannotTakeIt() throws Exception {
    f.settings = f.settings.toBuilder().leaseTtl(SHORT).build();
    f.orchestrator.hangDeploy("app", release);
    CompletableFuture<AppResult> first = passInBackground();
    await().until(() -> store.renewals() >= 1);

    // Past the TTL the lease was first taken for, but never past the last renewal's.
    f.clock.advance(Duration.ofMillis(200));
    int seen = store.renewals();
    await().until(() -> store.renewals() >= seen + 2);
    f.clock.advance(Duration.ofMillis(200));

    FakeOrchestrator other = new FakeOrchestrator();
    AppResult second = only(secondRunner(other).run(PassMode.DEPLOY, r -> { }), STACK);
    assertThat(second.status()).isEqualTo(AppStatus.HELD);
    assertThat(second.reason().orElseThrow()).contains("being deployed by another runner, which holds its lease");
    assertThat(other.changes()).isZero();

    release.countDown();
    AppResult done = first.get();
    assertThat(done.status()).as(done.toString()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(f.state.tryLease(key, SHORT)).as("given back once the target is done").isPresent();
  }

  @Test
  void aTargetWhosePeerHoldsTheLeaseIsHeldNamingThePeerWithTheLastRecordedImagesAndNothingAnnounced() throws Exception {
    DeployRecord earlier = new DeployRecord("fp-earlier", f.clock.instant(), java.util.Map.of("web", IMAGE + ":1.0.0"), "rev0");
    f.state.recordSuccess(key, earlier);
    Instant since = Instant.parse("2026-12-03T05:00:00Z");
    store.holderOfEveryLease(new LeaseHolder(Optional.of("aspen-2"), Optional.of(since)));
    assertThat(f.state.tryLease(key, NEVER_ON_ITS_OWN)).isPresent();

    AppResult held = only(f.deploy(), STACK);

    assertThat(held.status()).isEqualTo(AppStatus.HELD);
    assertThat(held.failure()).isEmpty();
    assertThat(held.heldBy()).contains(new LeaseHolder(Optional.of("aspen-2"), Optional.of(since)));
    assertThat(held.reason()).contains("being deployed by runner aspen-2 since 2026-12-03T05:00:00Z, which holds its lease; left to it");
    assertThat(held.images()).containsEntry("web", IMAGE + ":1.0.0");
    assertThat(f.orchestrator.changes()).isZero();
    assertThat(f.notifier.errors()).isEmpty();
    assertThat(f.state.read(key).lastFailed()).as("nothing recorded for a peer's target").isEmpty();
  }

  @Test
  void aKilledRunnersLeaseLapsesAfterTheShortTtlAndTheNextPassDeploys() throws Exception {
    // A runner that took the lease and died: nobody renews or releases it.
    assertThat(f.state.tryLease(key, f.settings.leaseTtl())).isPresent();

    AppResult blocked = only(f.deploy(), STACK);
    assertThat(blocked.status()).isEqualTo(AppStatus.HELD);
    assertThat(blocked.step()).contains("Lease");

    f.clock.advance(Duration.ofSeconds(30));
    AppResult next = only(f.deploy(), STACK);

    assertThat(next.status()).as(next.toString()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(f.orchestrator.deploys()).hasSize(1);
    assertThat(f.state.read(key).lastGood()).isPresent();
  }

  @Test
  void aRenewalRefusedDuringALongDeployRecordsNothing() throws Exception {
    f.settings = f.settings.toBuilder().leaseTtl(SHORT).build();
    f.orchestrator.hangDeploy("app", release);
    store.refuseRenewals();
    CompletableFuture<AppResult> run = passInBackground();
    await().until(() -> store.renewals() >= 1);

    release.countDown();
    AppResult result = run.get();

    assertThat(result.couldNotTry()).as(result.toString()).isTrue();
    assertThat(result.reason().orElseThrow())
        .contains("lost the lease of active/app (it expired or another runner took it), so another runner may be deploying it")
        .contains("nothing recorded; tried again next pass");
    assertThat(f.orchestrator.deploys()).hasSize(1);
    assertThat(f.state.read(key)).isEqualTo(TargetState.NONE);
  }

  @Test
  void aLeaseLostJustBeforeRecordingADeployRecordsNothing() throws Exception {
    f.settings = f.settings.toBuilder().leaseTtl(NEVER_ON_ITS_OWN).build();
    store.refuseRenewalsAfter(1);

    AppResult result = only(f.deploy(), STACK);

    assertThat(result.couldNotTry()).as(result.toString()).isTrue();
    assertThat(result.step()).contains("Record");
    assertThat(result.reason()).contains("deployed and verified, but lost the lease of active/app (it expired or another runner "
        + "took it), so another runner may be deploying it: nothing recorded; tried again next pass");
    assertThat(f.state.read(key)).isEqualTo(TargetState.NONE);
    assertThat(f.notifier.deployments()).isEmpty();
  }

  @Test
  void aStoreUnreachableWhenRenewingStopsTheTargetAfterItsDeployCall() throws Exception {
    f.settings = f.settings.toBuilder().leaseTtl(NEVER_ON_ITS_OWN).build();
    store.failRenewals(new UnreachableException("renewing the lease on active/app: connection refused"));

    AppResult result = only(f.deploy(), STACK);

    assertThat(result.couldNotTry()).as(result.toString()).isTrue();
    assertThat(result.step()).contains("Deploy");
    assertThat(result.reason().orElseThrow()).contains("deployed, but lost the lease of active/app (renewing it failed: renewing the lease on "
        + "active/app: connection refused), so another runner may be deploying it: not verified, nothing recorded");
    assertThat(f.state.read(key)).isEqualTo(TargetState.NONE);
  }

  @Test
  void aFailedVerificationWithoutTheLeaseIsNeitherRolledBackNorRecorded() throws Exception {
    f.settings = f.settings.toBuilder().leaseTtl(NEVER_ON_ITS_OWN).rollbackOnFailure(true).build();
    f.orchestrator.neverConverges("app", "web", "crash");
    store.refuseRenewalsAfter(1);

    AppResult result = only(f.deploy(), STACK);

    assertThat(result.couldNotTry()).as(result.toString()).isTrue();
    assertThat(result.step()).contains("Verify");
    assertThat(result.reason().orElseThrow()).contains("tasks failed: web: rejected (crash); lost the lease of active/app")
        .contains("not rolled back, nothing recorded");
    assertThat(f.orchestrator.rollbacks()).isEmpty();
    assertThat(f.state.read(key)).isEqualTo(TargetState.NONE);
  }

  @Test
  void anAbandonedTargetStopsRenewingSoItsLeaseLapsesAndItsLateDeployIsNotRecorded() throws Exception {
    f.settings = f.settings.toBuilder().leaseTtl(SHORT).targetTimeout(Duration.ofSeconds(2)).build();
    f.orchestrator.hangDeployUninterruptibly("app", release);

    AppResult abandoned = only(f.deploy(), STACK);
    assertThat(abandoned.couldNotTry()).as(abandoned.toString()).isTrue();
    assertThat(abandoned.step()).contains("Timeout");
    assertThat(f.state.tryLease(key, SHORT)).as("still held by the stuck target").isEmpty();

    f.clock.advance(SHORT);
    await().until(() -> f.state.tryLease(key, Duration.ofHours(1)).isPresent());

    release.countDown();
    await().until(() -> store.releases() >= 1);
    assertThat(f.orchestrator.deploys()).as("the stuck call did go through").hasSize(1);
    assertThat(f.state.read(key)).isEqualTo(TargetState.NONE);
  }

  @Test
  void aDeployRecordedByAnotherRunnerBeforeTheLeaseIsUnchanged() throws Exception {
    assertThat(only(f.deploy(), STACK).status()).isEqualTo(AppStatus.DEPLOYED);
    DeployRecord theirs = f.state.read(key).lastGood().orElseThrow();
    f.state.forget(key);
    store.beforeNextLease(() -> f.state.recordSuccess(key, theirs));

    AppResult result = only(f.deploy(), STACK);

    assertThat(result.status()).as(result.toString()).isEqualTo(AppStatus.UNCHANGED);
    assertThat(f.orchestrator.deploys()).as("only the first deploy").hasSize(1);
    assertThat(f.state.read(key).lastGood()).contains(theirs);
    assertThat(f.state.tryLease(key, SHORT)).as("given back").isPresent();
  }

  @Test
  void aFailureRecordedByAnotherRunnerBeforeTheLeaseBlocks() throws Exception {
    assertThat(only(f.deploy(), STACK).status()).isEqualTo(AppStatus.DEPLOYED);
    String fingerprint = f.state.read(key).lastGood().orElseThrow().fingerprint();
    f.state.forget(key);
    FailureRecord theirs = new FailureRecord(fingerprint, f.clock.instant(), "Verify", "tasks failed: web: crash", 1);
    store.beforeNextLease(() -> f.state.recordFailure(key, theirs));

    AppResult result = only(f.deploy(), STACK);

    assertThat(result.status()).as(result.toString()).isEqualTo(AppStatus.BLOCKED);
    assertThat(result.reason().orElseThrow()).startsWith("tasks failed: web: crash (this desired state failed 1 time");
    assertThat(f.orchestrator.deploys()).hasSize(1);
    assertThat(f.state.read(key).lastFailed()).contains(theirs);
  }
}
