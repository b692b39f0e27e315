package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.core.pass.PassFixture.only;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.RefusedException;

/**
 * Apps of one cluster ordered by the label se.kth.aspen.dependsOn: a-web waits for b-db. The
 * dependent sorts first and one worker runs the pass, so without ordering a-web would be
 * deployed first, and a worker waiting for a target still queued would wait for ever.
 */
class AppOrderTest {

  static final String WEB = "a-web/active/docker-stack.yml";
  static final String DB = "b-db/active/docker-stack.yml";
  static final String IMAGE = "registry.example.org/app";

  @TempDir Path root;
  PassFixture f;

  @BeforeEach
  void setUp() {
    f = PassFixture.withImage(root, IMAGE, "1.0.0", "1.0.1");
    f.settings = f.settings.toBuilder().parallelism(1).build();
  }

  private static String dependingOn(String apps, String tag) {
    String stack = TestRegistry.stack(IMAGE + ":" + tag);
    return apps.isEmpty() ? stack
        : stack.replace("se.kth.importance: high\n", "se.kth.importance: high\n      se.kth.aspen.dependsOn: " + apps + "\n");
  }

  @Test
  void anAppIsDeployedOnlyAfterTheAppItDependsOnConverged() {
    f.registry.write(WEB, dependingOn("b-db", "1.0.0"));
    f.registry.write(DB, dependingOn("", "1.0.0"));

    PassReport report = f.deploy();

    assertThat(only(report, WEB).status()).as(report.toString()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(only(report, DB).status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(f.orchestrator.deploys()).extracting(DeployRequest::stackName).containsExactly("b-db", "a-web");
  }

  @Test
  void anUnchangedDependencyLetsItsDependentGoAhead() {
    f.registry.write(WEB, dependingOn("b-db", "1.0.0"));
    f.registry.write(DB, dependingOn("", "1.0.0"));
    f.deploy();
    f.registry.write(WEB, dependingOn("b-db", "1.0.1"));

    PassReport report = f.deploy();

    assertThat(only(report, DB).status()).isEqualTo(AppStatus.UNCHANGED);
    assertThat(only(report, WEB).status()).isEqualTo(AppStatus.DEPLOYED);
  }

  @Test
  void aFailedDependencyLeavesItsDependentUntouchedAndSkipped() {
    f.registry.write(WEB, dependingOn("b-db", "1.0.0"));
    f.registry.write(DB, dependingOn("", "1.0.0"));
    f.orchestrator.failDeploy("b-db", new RefusedException("creating service b-db_web: invalid mount config"));

    PassReport report = f.deploy();

    AppResult web = only(report, WEB);
    assertThat(only(report, DB).status()).isEqualTo(AppStatus.FAILED);
    assertThat(web.status()).isEqualTo(AppStatus.SKIPPED);
    assertThat(web.step()).contains("Order");
    assertThat(web.reason()).contains("waiting on b-db, which failed");
    assertThat(f.orchestrator.deploys()).extracting(DeployRequest::stackName).doesNotContain("a-web");
  }

  @Test
  void appsWaitingForEachOtherAreSkippedAndTheCycleReportedOnce() {
    f.registry.write(WEB, dependingOn("b-db", "1.0.0"));
    f.registry.write(DB, dependingOn("a-web", "1.0.0"));

    PassReport report = f.deploy();

    assertThat(only(report, WEB).status()).isEqualTo(AppStatus.SKIPPED);
    assertThat(only(report, DB).status()).isEqualTo(AppStatus.SKIPPED);
    assertThat(report.problems()).filteredOn(p -> p.contains("form a cycle")).singleElement().asString()
        .contains("cluster active").contains("se.kth.aspen.dependsOn");
    assertThat(f.orchestrator.deploys()).isEmpty();
  }

  @Test
  void thePlanSaysWhatAnAppIsDeployedAfter() {
    f.registry.write(WEB, dependingOn("b-db", "1.0.0"));
    f.registry.write(DB, dependingOn("", "1.0.0"));

    assertThat(only(f.run(PassMode.PLAN), WEB).reason()).contains("deployed after b-db (se.kth.aspen.dependsOn)");
  }

  @Test
  void anAppNamedThatThisPassDoesNotDeployIsNotWaitedForButWarnedAbout() {
    f.registry.write(WEB, dependingOn("nowhere", "1.0.0"));

    AppResult web = only(f.deploy(), WEB);

    assertThat(web.status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(web.warnings()).anyMatch(w -> w.contains("names nowhere, which this pass does not deploy to cluster active"));
  }
}
