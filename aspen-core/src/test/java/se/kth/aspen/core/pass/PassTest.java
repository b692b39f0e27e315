package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.core.pass.PassFixture.only;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.fake.FakeImageRegistry;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.policy.PolicyName;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.Replicas;
import se.kth.aspen.core.port.UnreachableException;

class PassTest {

  @TempDir Path root;
  PassFixture f;

  static final String IMAGE_A = "registry.example.org/app-a";
  static final String IMAGE_C = "registry.example.org/app-c";

  @BeforeEach
  void registry() {
    f = new PassFixture(root);
    f.images.push(IMAGE_A, "1.2.3_abc").push(IMAGE_C, "2.9.200_3b01b96", "2.9.202_3b01b96", "2.10.1_aaaaaaa", "3.0.0");
    f.registry.write("team/app-a/active/docker-stack.yml", TestRegistry.stack(IMAGE_A + ":1.2.3_abc"));
    f.registry.write("team/app-a/stage/docker-stack.yml", TestRegistry.stack(IMAGE_A + ":1.2.3_abc"));
    f.registry.write("app-b/active/docker-stack.yml",
        TestRegistry.stack(IMAGE_A + ":1.2.3_abc").replace("          memory: 100M\n", ""));
    f.registry.write("app-c/active/docker-stack.yml",
        TestRegistry.stack(IMAGE_C + ":${WEB_VERSION}", "      WEB_VERSION: ~2.9.0\n", ""));
    f.registry.write("app-c/stage/docker-stack.yml",
        TestRegistry.stack(IMAGE_C + ":${WEB_VERSION}", "      WEB_VERSION: ~2.9.0\n", ""));
    f.registry.write("excluded-app/active/docker-stack.yml", TestRegistry.stack(IMAGE_A + ":1.2.3_abc"));
    f.registry.write("app-q/qa/docker-stack.yml", TestRegistry.stack(IMAGE_A + ":1.2.3_abc"));
    f.registry.write("README.md", "not a stack");
    f.settings = f.settings.toBuilder().excludedApps(Set.of("excluded-app")).build();
  }

  private AppTarget target(String stackPath) {
    String[] parts = stackPath.split("/");
    return new AppTarget(parts[parts.length - 3], parts[parts.length - 2],
        root.toAbsolutePath().normalize().resolve(stackPath).getParent(), stackPath);
  }

  private static String pinned(String image, String tag) {
    return image + ":" + tag + "@" + FakeImageRegistry.digestOf(image + ":" + tag);
  }

  /** A result of the first pass: what it deployed is recorded at the fixture's start, from rev-1. */
  private AppResult result(String stackPath, AppStatus status, Map<String, String> images) {
    Optional<AppResult.LastDeploy> last = status == AppStatus.DEPLOYED
        ? Optional.of(new AppResult.LastDeploy(Instant.parse("2026-01-01T00:00:00Z"), "rev-1")) : Optional.empty();
    return new AppResult(target(stackPath), status, Optional.empty(), Optional.empty(), new TreeMap<>(images),
        Duration.ZERO, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), last);
  }

  private AppResult failed(String stackPath, String step, String reason) {
    return new AppResult(target(stackPath), AppStatus.FAILED, Optional.of(step), Optional.of(reason), new TreeMap<>(),
        Duration.ZERO, Optional.of(FailureKind.INVALID), Optional.empty(), Optional.empty(), List.of(), List.of());
  }

  @Test
  void aFirstPassDeploysEveryValidAppAndReportsEachOutcomeExactly() {
    PassReport report = f.deploy();

    String a = pinned(IMAGE_A, "1.2.3_abc");
    String c = pinned(IMAGE_C, "2.9.202_3b01b96");
    assertThat(report).isEqualTo(new PassReport("rev-1", Instant.parse("2026-01-01T00:00:00Z"), Duration.ZERO, List.of(
        failed("app-b/active/docker-stack.yml", "ResourcePolicy",
            "service web: deploy.resources.limits.memory is missing (line 21)"),
        result("app-c/active/docker-stack.yml", AppStatus.DEPLOYED, Map.of("web", c)),
        result("app-c/stage/docker-stack.yml", AppStatus.DEPLOYED, Map.of("web", c)),
        AppResult.skipped(target("app-q/qa/docker-stack.yml"), "Select", "cluster qa is not in the cluster directory"),
        AppResult.skipped(target("excluded-app/active/docker-stack.yml"), "Select",
            "application excluded-app is excluded (EXCLUDED_APPS)"),
        result("team/app-a/active/docker-stack.yml", AppStatus.DEPLOYED, Map.of("web", a)),
        result("team/app-a/stage/docker-stack.yml", AppStatus.DEPLOYED, Map.of("web", a))),
        List.of(), PolicyName.all()));
    assertThat(f.heard).containsExactlyInAnyOrderElementsOf(report.results());
    assertThat(f.orchestrator.deploys()).hasSize(4);
  }

  @Test
  void aDigestTheRegistryCannotGiveFailsTheTargetInStepPinAndNothingIsDeployed() {
    f.images.failWith(IMAGE_A, new UnreachableException("GET https://registry.example.org/v2/app-a/manifests: timed out"));

    PassReport report = f.deploy();

    AppResult failed = only(report, "team/app-a/active/docker-stack.yml");
    assertThat(failed.status()).isEqualTo(AppStatus.FAILED);
    assertThat(failed.step()).contains("Pin");
    assertThat(failed.failure()).contains(FailureKind.COULD_NOT_TRY);
    assertThat(failed.reason()).contains("GET https://registry.example.org/v2/app-a/manifests: timed out");
    assertThat(f.orchestrator.deploys()).extracting(d -> d.stackName()).doesNotContain("app-a");
  }

  @Test
  void aSecondPassOverTheSameRegistryChangesNothingAndCallsNoCluster() {
    f.deploy();
    int deploys = f.orchestrator.deploys().size();
    int registryCalls = f.images.totalCalls();

    PassReport second = f.deploy();

    assertThat(second.results()).extracting(r -> r.target().stackPath() + " " + r.status()).containsExactly(
        "app-b/active/docker-stack.yml FAILED",
        "app-c/active/docker-stack.yml UNCHANGED",
        "app-c/stage/docker-stack.yml UNCHANGED",
        "app-q/qa/docker-stack.yml SKIPPED",
        "excluded-app/active/docker-stack.yml SKIPPED",
        "team/app-a/active/docker-stack.yml UNCHANGED",
        "team/app-a/stage/docker-stack.yml UNCHANGED");
    assertThat(only(second, "team/app-a/active/docker-stack.yml").images())
        .containsEntry("web", pinned(IMAGE_A, "1.2.3_abc"));
    assertThat(f.orchestrator.deploys()).hasSize(deploys);
    assertThat(f.images.totalCalls() - registryCalls).as("only the semver app's one tag listing").isEqualTo(1);
    assertThat(f.secrets.calls()).isEmpty();
  }

  @Test
  void anUnchangedTargetSaysWhenAndFromWhichRevisionWhatRunsWasDeployed() {
    f.deploy();
    f.clock.advance(Duration.ofHours(2));

    PassReport second = f.deploy();

    assertThat(only(second, "team/app-a/active/docker-stack.yml").lastDeploy())
        .contains(new AppResult.LastDeploy(Instant.parse("2026-01-01T00:00:00Z"), "rev-1"));
    assertThat(only(second, "app-b/active/docker-stack.yml").lastDeploy()).as("never deployed").isEmpty();
  }

  @Test
  void tagsAreListedOncePerRepositoryPerPassHoweverManyTargetsShareThem() {
    f.deploy();
    assertThat(f.images.tagCalls(IMAGE_C)).isEqualTo(1);
    f.deploy();
    assertThat(f.images.tagCalls(IMAGE_C)).isEqualTo(2);
  }

  @Test
  void aNewTagInRangeRedeploysTheSemverApp() {
    f.deploy();
    f.images.push(IMAGE_C, "2.9.202_3b01b96", "2.9.203_0ddba11");

    PassReport second = f.deploy();

    assertThat(only(second, "app-c/active/docker-stack.yml").status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(only(second, "app-c/active/docker-stack.yml").images()).containsEntry("web", pinned(IMAGE_C, "2.9.203_0ddba11"));
    assertThat(only(second, "team/app-a/active/docker-stack.yml").status()).isEqualTo(AppStatus.UNCHANGED);
    assertThat(f.orchestrator.deploys().getLast().stack().services().get("web").environment())
        .containsEntry("WEB_VERSION", Optional.of("2.9.203_0ddba11"));
  }

  @Test
  void aPlanDeploysRecordsAndNotifiesNothing() {
    PassReport plan = f.run(PassMode.PLAN);

    assertThat(only(plan, "team/app-a/active/docker-stack.yml").status()).isEqualTo(AppStatus.CHANGED);
    assertThat(only(plan, "app-c/active/docker-stack.yml").images()).containsEntry("web", IMAGE_C + ":2.9.202_3b01b96");
    assertThat(only(plan, "app-b/active/docker-stack.yml").status()).isEqualTo(AppStatus.FAILED);
    assertThat(f.orchestrator.changes()).isZero();
    assertThat(f.secrets.calls()).isEmpty();
    assertThat(f.notifier.errors()).isEmpty();
    assertThat(f.notifier.deployments()).isEmpty();
    assertThat(f.run(PassMode.PLAN).count(AppStatus.CHANGED)).isEqualTo(4);
  }

  @Test
  void recordOnlyAdoptsChangedStatesWithoutDeploying() {
    PassReport adopted = f.run(PassMode.RECORD_ONLY);
    assertThat(adopted.count(AppStatus.CHANGED)).isEqualTo(4);

    PassReport next = f.deploy();

    assertThat(next.count(AppStatus.UNCHANGED)).isEqualTo(4);
    assertThat(f.orchestrator.changes()).isZero();
  }

  @Test
  void adoptRecordsOnlyWhatTheClusterAlreadyRunsAndDeploysRecordsAndAnnouncesNothingElse() {
    String a = pinned(IMAGE_A, "1.2.3_abc");
    f.orchestrator.runs("active", "app-a", Map.of("web", a));
    f.orchestrator.runs("stage", "app-a", Map.of("web", IMAGE_A + ":1.2.3_abc@sha256:" + "0".repeat(64)));
    f.orchestrator.runs("active", "app-c", Map.of("web", IMAGE_C + ":2.9.202_3b01b96"));
    f.orchestrator.runs("stage", "app-c", Map.of("web", pinned(IMAGE_C, "2.9.200_3b01b96")));

    PassReport adopt = f.run(PassMode.ADOPT);

    assertThat(only(adopt, "team/app-a/active/docker-stack.yml").status()).isEqualTo(AppStatus.ADOPTED);
    assertThat(only(adopt, "app-c/active/docker-stack.yml").status()).as("no digest pinned: the tag is enough")
        .isEqualTo(AppStatus.ADOPTED);
    AppResult moved = only(adopt, "team/app-a/stage/docker-stack.yml");
    assertThat(moved.status()).isEqualTo(AppStatus.CHANGED);
    assertThat(moved.reason()).contains("would deploy: service web runs " + IMAGE_A + ":1.2.3_abc@sha256:" + "0".repeat(64)
        + ", but " + IMAGE_A + ":1.2.3_abc is now " + FakeImageRegistry.digestOf(IMAGE_A + ":1.2.3_abc") + " in the registry");
    assertThat(only(adopt, "app-c/stage/docker-stack.yml").reason()).contains("would deploy: service web runs "
        + pinned(IMAGE_C, "2.9.200_3b01b96") + ", the desired image is " + IMAGE_C + ":2.9.202_3b01b96");
    assertThat(only(adopt, "app-b/active/docker-stack.yml").status()).isEqualTo(AppStatus.FAILED);
    assertThat(f.orchestrator.changes()).isZero();
    assertThat(f.secrets.calls()).isEmpty();
    assertThat(f.notifier.errors()).isEmpty();
    assertThat(f.notifier.deployments()).isEmpty();

    PassReport next = f.deploy();

    assertThat(only(next, "team/app-a/active/docker-stack.yml").status()).isEqualTo(AppStatus.UNCHANGED);
    assertThat(only(next, "app-c/active/docker-stack.yml").status()).isEqualTo(AppStatus.UNCHANGED);
    assertThat(f.orchestrator.deploys()).extracting(d -> d.cluster().name() + "/" + d.stackName())
        .containsExactlyInAnyOrder("stage/app-a", "stage/app-c");
  }

  @Test
  void adoptListsAStackTheClusterDoesNotRunAsWouldDeploy() {
    PassReport adopt = f.run(PassMode.ADOPT);

    assertThat(only(adopt, "team/app-a/active/docker-stack.yml").reason())
        .contains("would deploy: stack app-a is not on cluster active");
    assertThat(adopt.count(AppStatus.ADOPTED)).isZero();
  }

  @Test
  void skipDeploymentTurnsADeployPassIntoRecordOnly() {
    f.settings = f.settings.toBuilder().skipDeployment(true).build();

    assertThat(f.deploy().count(AppStatus.CHANGED)).isEqualTo(4);
    assertThat(f.orchestrator.changes()).isZero();
  }

  @Test
  void aVerifiedDeployIsAnnouncedWithItsLabelsAndRecommendations() {
    f.deploy();

    var notice = f.notifier.deployments().stream().filter(n -> n.application().equals("app-c") && n.cluster().equals("active"))
        .findFirst().orElseThrow();
    assertThat(notice.image().flatMap(ImageReference::tag)).contains("2.9.202_3b01b96");
    assertThat(notice.image().orElseThrow().repository()).endsWith("app-c");
    assertThat(notice.applicationPath()).contains("/app/");
    assertThat(notice.replicas()).isEqualTo(Replicas.count(2));
    assertThat(notice.labels()).isEqualTo(Map.of("se.kth.slackChannels", "#team-a", "se.kth.importance", "high"));
    assertThat(f.notifier.recommendations()).filteredOn(r -> r.application().equals("app-c"))
        .as("five missing labels, for each of its two clusters").hasSize(10)
        .allSatisfy(r -> assertThat(r.channels()).containsExactly("#team-a"));
  }

  @Test
  void aPolicyFailureIsAnnouncedToTheTeamOnce() {
    f.deploy();
    f.deploy();

    assertThat(f.notifier.errors()).singleElement().isInstanceOfSatisfying(ErrorNotice.DeployFailed.class, e -> {
      assertThat(e.cluster() + "/" + e.application() + " " + e.step()).isEqualTo("active/app-b ResourcePolicy");
      assertThat(e.reason()).isEqualTo("service web: deploy.resources.limits.memory is missing (line 21)");
      assertThat(e.channels()).as("an expected error goes to the team").containsExactly("#team-a");
      assertThat(e.stackTrace()).isEmpty();
      assertThat(e.repeat()).isFalse();
    });
  }

  @Test
  void aSelectedClusterMissingFromTheDirectoryIsAWarningNotACrash() {
    f.settings = f.settings.toBuilder().clustersToDeploy(Set.of("active", "prod")).build();

    PassReport report = f.deploy();

    assertThat(report.problems()).containsExactly("cluster prod is selected (CLUSTERS_TO_DEPLOY) but not in the cluster directory");
    assertThat(only(report, "team/app-a/stage/docker-stack.yml").reason()).contains("cluster stage is not selected (CLUSTERS_TO_DEPLOY)");
    assertThat(only(report, "team/app-a/active/docker-stack.yml").status()).isEqualTo(AppStatus.DEPLOYED);
  }

  @Test
  void aRegistryThatCannotBeReadIsAPassProblemNotAnException() {
    f.source.failWith(new UnreachableException("fetching git@example.org:registry.git: connection refused"));

    PassReport report = f.deploy();

    assertThat(report.results()).isEmpty();
    assertThat(report.problems()).containsExactly("the registry could not be read: fetching git@example.org:registry.git: connection refused");
  }

  @Test
  void aClusterDirectoryThatCannotBeReadFailsEveryTargetAsCouldNotTry() {
    f.clusters.failWith(new UnreachableException("GET http://status.example.org/clusters: timed out"));

    PassReport report = f.deploy();

    assertThat(report.results()).allSatisfy(r -> assertThat(r.couldNotTry()).isTrue());
    assertThat(f.orchestrator.changes()).isZero();
  }

  @Test
  void stalenessOfTheRegistryAndClusterListIsReported() {
    f.source.snapshot(new se.kth.aspen.core.port.RegistrySnapshot(root, "rev-0", Optional.empty(), Optional.of("git fetch timed out")));
    f.clusters.stale("HTTP 503");

    assertThat(f.deploy().problems()).containsExactly(
        "the registry could not be refreshed, using revision rev-0: git fetch timed out",
        "the cluster directory could not be refreshed, using its last list: HTTP 503");
  }

  @Test
  void aPreparingClusterGetsItsPortilloName() {
    f.clusters.list(se.kth.aspen.core.port.ClusterList.of(List.of(
        new se.kth.aspen.core.port.Cluster("active", se.kth.aspen.core.port.ClusterEndpoint.parse("a.example:2376"), true))));
    f.registry.write("team/app-a/active/docker-stack.yml",
        TestRegistry.stack(IMAGE_A + ":1.2.3_abc", "      CLUSTER: ${PORTILLO_CLUSTER}\n      APP: $APPLICATION_NAME\n", ""));

    f.deploy();

    var env = f.orchestrator.deploys().stream().filter(d -> d.stackName().equals("app-a")).findFirst().orElseThrow()
        .stack().services().get("web").environment();
    assertThat(env).containsEntry("CLUSTER", Optional.of("preparing-active")).containsEntry("APP", Optional.of("app-a"));
  }
}
