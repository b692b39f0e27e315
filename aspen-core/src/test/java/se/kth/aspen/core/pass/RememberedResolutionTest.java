package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.core.pass.PassFixture.only;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.catalogue.PushedImage;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterEndpoint;
import se.kth.aspen.core.port.ClusterList;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.RegistrySnapshot;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

/**
 * One Pass kept across passes resolves an unchanged stack's ranges from what it resolved before
 * while their tag lists are the same: the results are those of a pass that resolves everything
 * afresh, and a changed input (the app's files, a tag list, the cluster's name for the
 * repository, the recorded state) is still taken.
 */
class RememberedResolutionTest {

  static final String A = "team/app-a/active/docker-stack.yml";
  static final String B = "team/app-b/active/docker-stack.yml";
  static final String C = "team/app-c/active/docker-stack.yml";
  static final String IMAGE = "registry.example.org/app";
  static final String OTHER = "registry.example.org/other";

  @TempDir Path root;
  PassFixture f;
  Pass pass;

  @BeforeEach
  void threeApps() {
    f = new PassFixture(root);
    f.images.push(IMAGE, "1.0.0_a", "1.0.1_a", "1.1.0_a");
    f.images.push(OTHER, "2.0.0_a", "2.1.0_a");
    f.registry.write(A, TestRegistry.stack(IMAGE + ":${V}", "      V: ~1.0.0\n", ""));
    f.registry.write(B, TestRegistry.stack(IMAGE + ":${V}", "      V: ^1.0.0\n", ""));
    f.registry.write(C, twoRanges());
    pass = new Pass(f.ports(), f.settings, f.clock);
  }

  /** Two services, two ranges, two repositories. */
  private static String twoRanges() {
    String web = TestRegistry.stack(IMAGE + ":${V}", "      V: ~1.0.0\n", "");
    String worker = web.substring(web.indexOf("  web:\n")).replace("  web:\n", "  worker:\n")
        .replace(IMAGE + ":${V}", OTHER + ":${W}").replace("      V: ~1.0.0\n", "      W: ^2.0.0\n");
    return web + worker;
  }

  /** A push of {@code repository:tag} on registry.example.org. */
  private static PushedImage pushed(String repository, String tag) {
    return new PushedImage(Optional.of("registry.example.org"), repository.substring(repository.indexOf('/') + 1), tag);
  }

  private PassReport pass(String revision, Set<String> changed) {
    f.source.snapshot(new RegistrySnapshot(root, revision, Optional.of(changed), Optional.empty()));
    return pass.run(PassMode.DEPLOY, PassListener.NONE);
  }

  /** The results without their durations, which differ every pass. */
  private static List<AppResult> timeless(PassReport report) {
    return report.results().stream().map(r -> r.took(Duration.ZERO)).toList();
  }

  @Test
  void passesOverTheSameStacksAndTagsGiveTheResultsOfAPassThatResolvesAfresh() {
    PassReport first = pass("r1", Set.of());
    assertThat(first.results()).extracting(AppResult::status).containsOnly(AppStatus.DEPLOYED);
    assertThat(only(first, C).images()).containsKeys("web", "worker");

    PassReport second = pass("r1", Set.of());
    PassReport third = pass("r1", Set.of());
    PassReport fresh = new Pass(f.ports(), f.settings, f.clock).run(PassMode.DEPLOY, PassListener.NONE);

    assertThat(second.results()).extracting(AppResult::status).containsOnly(AppStatus.UNCHANGED);
    assertThat(timeless(second)).isEqualTo(timeless(fresh));
    assertThat(timeless(third)).isEqualTo(timeless(fresh));
    assertThat(only(third, A).images().get("web")).startsWith(IMAGE + ":1.0.1_a@");
    assertThat(only(third, B).images().get("web")).startsWith(IMAGE + ":1.1.0_a@");
    assertThat(only(third, C).images().get("worker")).startsWith(OTHER + ":2.1.0_a@");
    assertThat(pass.applicationsTaking(pushed(OTHER, "2.2.0_a"))).containsExactly("app-c");
  }

  @Test
  void aNewTagInTheCatalogueIsTakenByTheAppsWhoseRangeTakesIt() {
    pass("r1", Set.of());
    pass("r1", Set.of());
    f.images.push(OTHER, "2.0.0_a", "2.1.0_a", "2.1.1_a");

    PassReport report = pass("r1", Set.of());

    assertThat(only(report, C).status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(only(report, C).images().get("worker")).startsWith(OTHER + ":2.1.1_a@");
    assertThat(only(report, C).images().get("web")).startsWith(IMAGE + ":1.0.1_a@");
    assertThat(only(report, A).status()).isEqualTo(AppStatus.UNCHANGED);
    assertThat(only(pass("r1", Set.of()), C).status()).isEqualTo(AppStatus.UNCHANGED);
  }

  @Test
  void aPushToTheAppsFilesIsResolvedAfresh() {
    pass("r1", Set.of());
    pass("r1", Set.of());
    f.registry.write(A, TestRegistry.stack(IMAGE + ":${V}", "      V: ~1.1.0\n", ""));

    PassReport report = pass("r2", Set.of(A));

    assertThat(only(report, A).status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(only(report, A).images().get("web")).startsWith(IMAGE + ":1.1.0_a@");
    assertThat(pass.applicationsTaking(pushed(IMAGE, "1.0.9_a"))).containsExactly("app-b", "app-c");
  }

  @Test
  void aRangeLeftWithoutATagFailsAndTakesTheTagPushedForIt() {
    pass("r1", Set.of());
    pass("r1", Set.of());
    f.images.push(OTHER, "3.0.0_a");

    PassReport failed = pass("r1", Set.of());

    assertThat(only(failed, C).status()).isEqualTo(AppStatus.FAILED);
    assertThat(only(failed, C).step()).contains("Resolve");
    assertThat(only(failed, C).reason().orElseThrow()).contains("service worker: no tag of " + OTHER);
    assertThat(pass.applicationsTaking(pushed(OTHER, "2.0.7_a"))).containsExactly("app-c");

    f.images.push(OTHER, "3.0.0_a", "2.0.7_a");
    PassReport back = pass("r1", Set.of());

    assertThat(only(back, C).status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(only(back, C).images().get("worker")).startsWith(OTHER + ":2.0.7_a@");
  }

  @Test
  void aRepositoryNamedAfterTheClusterIsListedAgainWhenTheClustersNameForItChanges() {
    String named = "registry.example.org/${PORTILLO_CLUSTER}/app";
    f.images.push("registry.example.org/active/app", "1.0.0_a");
    f.images.push("registry.example.org/preparing-active/app", "1.0.5_a");
    f.registry.write(A, TestRegistry.stack(named + ":${V}", "      V: ~1.0.0\n", ""));
    pass("r2", Set.of(A));
    assertThat(only(pass("r2", Set.of()), A).images().get("web")).startsWith("registry.example.org/active/app:1.0.0_a@");

    f.clusters.list(ClusterList.of(List.of(new Cluster("active", ClusterEndpoint.parse("active.example:2376"), true),
        new Cluster("stage", ClusterEndpoint.parse("stage.example:2376"), false))));
    PassReport preparing = pass("r2", Set.of());

    assertThat(only(preparing, A).status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(only(preparing, A).images().get("web")).startsWith("registry.example.org/preparing-active/app:1.0.5_a@");
  }

  @Test
  void aStateAnotherRunnerRecordedIsTakenByTheNextPass() throws Exception {
    pass("r1", Set.of());
    pass("r1", Set.of());
    TargetKey key = only(pass("r1", Set.of()), A).target().key(PassFixture.GROUP);
    DeployRecord deployed = f.state.read(key).lastGood().orElseThrow();

    // Another runner deployed something else: this one puts its own desired state back.
    f.state.recordSuccess(key, new DeployRecord("another-fingerprint", deployed.at(), Map.of("web", IMAGE + ":1.0.0"),
        "elsewhere"));
    PassReport after = pass("r1", Set.of());
    assertThat(only(after, A).status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(only(after, A).images().get("web")).startsWith(IMAGE + ":1.0.1_a@");

    // Another runner failed on this very state: blocked, not deployed again.
    String fingerprint = f.state.read(key).lastGood().orElseThrow().fingerprint();
    f.state.recordFailure(key, new FailureRecord(fingerprint, f.clock.instant(), "Deploy", "it broke there", 1));
    PassReport blocked = pass("r1", Set.of());
    assertThat(only(blocked, A).status()).isEqualTo(AppStatus.BLOCKED);
    assertThat(f.state.read(key)).isNotEqualTo(TargetState.NONE);
    assertThat(only(blocked, B).status()).isEqualTo(AppStatus.UNCHANGED);
  }
}
