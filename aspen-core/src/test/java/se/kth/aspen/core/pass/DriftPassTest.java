package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.SpecDifference;
import se.kth.aspen.core.port.StackOwner;
import se.kth.aspen.core.port.TargetKey;

/** Drift through whole passes: what runs is listed once per cluster and compared for unchanged apps only. */
class DriftPassTest {

  static final String IMAGE = "registry.example.org/app-a";
  static final String PATH = "app-a/active/docker-stack.yml";

  @TempDir Path root;
  PassFixture f;

  @BeforeEach
  void deployed() {
    f = new PassFixture(root);
    f.images.push(IMAGE, "1.2.3_abc");
    f.registry.write(PATH, TestRegistry.stack(IMAGE + ":1.2.3_abc"));
    f.orchestrator.listStacks();
    assertThat(PassFixture.only(f.deploy(), PATH).status()).isEqualTo(AppStatus.DEPLOYED);
  }

  private static SpecDifference debug() {
    return new SpecDifference("web", "env.DEBUG", "env +DEBUG");
  }

  @Test
  void aDeployLabelsTheStackAsTheGroupsWithItsFingerprint() throws Exception {
    StackOwner owner = f.orchestrator.deploys().getFirst().owner().orElseThrow();

    assertThat(owner.group()).isEqualTo(PassFixture.GROUP);
    assertThat(owner.cluster()).isEqualTo("active");
    assertThat(owner.fingerprint()).isEqualTo(f.state.read(new TargetKey(PassFixture.GROUP, "active", PATH)).lastGood().orElseThrow().fingerprint());
  }

  @Test
  void aChangedAppDeploysWhileTheClusterIsStillBeingListed() throws Exception {
    f.registry.write(PATH, TestRegistry.stack(IMAGE + ":1.2.3_abc", "      DEBUG: \"1\"\n", ""));
    CountDownLatch listing = new CountDownLatch(1);
    f.orchestrator.holdListings(listing);
    AtomicReference<PassReport> report = new AtomicReference<>();
    Thread pass = Thread.ofVirtual().start(() -> report.set(f.deploy()));
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> f.orchestrator.deploys().size() == 2);
    } finally {
      listing.countDown();
    }
    pass.join(Duration.ofSeconds(10));

    assertThat(PassFixture.only(report.get(), PATH).status()).isEqualTo(AppStatus.DEPLOYED);
  }

  @Test
  void aDriftIsReportedEveryPassAndNotifiedOnceAndAPlanNotifiesNothing() {
    f.orchestrator.drift("active", "app-a", debug());

    AppResult planned = PassFixture.only(f.run(PassMode.PLAN), PATH);
    assertThat(f.notifier.errors()).isEmpty();
    AppResult first = PassFixture.only(f.deploy(), PATH);
    AppResult second = PassFixture.only(f.deploy(), PATH);

    assertThat(planned.status()).isEqualTo(AppStatus.DRIFTED);
    assertThat(first.status()).isEqualTo(AppStatus.DRIFTED);
    assertThat(first.step()).hasValue("Drift");
    assertThat(first.reason()).hasValue("drift: web: env +DEBUG");
    assertThat(second.status()).isEqualTo(AppStatus.DRIFTED);
    assertThat(f.notifier.errors())
        .containsExactly(new ErrorNotice.Drift("app-a", "active", List.of("web: env +DEBUG"), false));
    assertThat(f.orchestrator.deploys()).hasSize(1);
  }

  @Test
  void withRevertTheRecordedStateIsDeployedAgainAndTheNextPassIsQuiet() {
    f.settings = f.settings.toBuilder().driftPolicy(DriftPolicy.REVERT).build();
    f.orchestrator.drift("active", "app-a", debug());

    AppResult reverted = PassFixture.only(f.deploy(), PATH);
    AppResult next = PassFixture.only(f.deploy(), PATH);

    assertThat(reverted.status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(reverted.reason()).hasValue("drift reverted: web: env +DEBUG");
    assertThat(f.orchestrator.deploys()).hasSize(2);
    assertThat(next.status()).isEqualTo(AppStatus.UNCHANGED);
    assertThat(f.notifier.errors()).isEmpty();
  }

  @Test
  void aRevertIsAnnouncedAsADeployWithTheReasonDriftAndAGitDeployWithNone() {
    f.settings = f.settings.toBuilder().driftPolicy(DriftPolicy.REVERT).build();
    f.orchestrator.drift("active", "app-a", debug());

    f.deploy();

    assertThat(f.notifier.deployments()).extracting(DeploymentNotice::reason)
        .containsExactly(Optional.empty(), Optional.of(DeploymentNotice.Reason.DRIFT));
  }

  @Test
  void aPlanWithRevertSaysWhatADeployWouldDoAndChangesNothing() {
    f.settings = f.settings.toBuilder().driftPolicy(DriftPolicy.REVERT).build();
    f.orchestrator.drift("active", "app-a", debug());

    AppResult planned = PassFixture.only(f.run(PassMode.PLAN), PATH);

    assertThat(planned.status()).isEqualTo(AppStatus.DRIFTED);
    assertThat(planned.reason()).hasValue("drift (a deploy would revert it): web: env +DEBUG");
    assertThat(f.orchestrator.deploys()).hasSize(1);
  }

  @Test
  void aClusterThatCannotBeListedIsAProblemOfThePassNotNoDrift() {
    f.orchestrator.drift("active", "app-a", debug()).unlistable("active");

    PassReport report = f.deploy();

    assertThat(report.driftNotChecked()).containsExactly(
        "drift could not be checked on cluster active: listing services on active: connection refused");
    assertThat(PassFixture.only(report, PATH).status()).isEqualTo(AppStatus.UNCHANGED);
  }

  @Test
  void aPassListsEachClusterOnceWhateverTheNumberOfApps() {
    for (int i = 0; i < 1000; i++) {
      f.registry.write("app-" + i + "/" + (i % 2 == 0 ? "active" : "stage") + "/docker-stack.yml",
          TestRegistry.stack(IMAGE + ":1.2.3_abc"));
    }
    f.deploy();
    int before = f.orchestrator.listings();

    PassReport quiet = f.deploy();

    assertThat(quiet.count(AppStatus.UNCHANGED)).isEqualTo(1001);
    assertThat(f.orchestrator.listings() - before).isEqualTo(2);
  }

  @Test
  void aRecordOnlyPassListsNothing() {
    f.settings = f.settings.toBuilder().skipDeployment(true).build();
    int before = f.orchestrator.listings();

    f.deploy();

    assertThat(f.orchestrator.listings()).isEqualTo(before);
  }
}
