package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassReport;

/**
 * Scenario 8: an excluded app and an app of a cluster that is not selected are skipped with
 * the reason; an app on a {@code preparing} cluster is deployed with {@code PORTILLO_CLUSTER}
 * set to {@code preparing-<cluster>}.
 */
class SelectionIT extends Scenario {

  private final String excluded = app("excluded");
  private final String elsewhere = app("elsewhere");
  private final String preparing = app("preparing");
  private final String plain = app("plain");

  @Test
  void excludedAppsAndUnselectedClustersAreSkippedAndAPreparingClusterIsSeenInInterpolation() {
    clusters(cluster("active", testEnv.dockerHost(), false), cluster("stage", testEnv.dockerHost(), true),
        cluster("other", testEnv.dockerHost(), false));
    env.put("CLUSTERS_TO_DEPLOY", "active,stage");
    env.put("EXCLUDED_APPS", "someone-else;" + excluded);
    writeStack(excluded, "active", StackFile.web());
    writeStack(elsewhere, "other", StackFile.web());
    writeStack(preparing, "stage", StackFile.web());
    writeStack(plain, "active", StackFile.web());
    git.commitAndPush("four apps, two to skip");
    Aspen aspen = aspen();

    PassReport report = aspen.deployPass();

    AppResult skippedExcluded = result(report, excluded, "active");
    assertThat(skippedExcluded.status()).as(describe(report)).isEqualTo(AppStatus.SKIPPED);
    assertThat(skippedExcluded.reason().orElseThrow()).contains("EXCLUDED_APPS");
    AppResult skippedCluster = result(report, elsewhere, "other");
    assertThat(skippedCluster.status()).isEqualTo(AppStatus.SKIPPED);
    assertThat(skippedCluster.reason().orElseThrow()).contains("other").contains("CLUSTERS_TO_DEPLOY");
    assertThat(result(report, preparing, "stage").status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(result(report, plain, "active").status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(engine.stackServices(excluded)).isEmpty();
    assertThat(engine.stackServices(elsewhere)).isEmpty();
    assertThat(engine.serviceEnv(preparing + "_web")).contains("CLUSTER_SEEN=preparing-stage");
    assertThat(engine.serviceEnv(plain + "_web")).contains("CLUSTER_SEEN=active");
    drainNotices(aspen);
    assertThat(deployments()).extracting(d -> d.path("applicationName").asText()).containsExactlyInAnyOrder(preparing, plain);
  }
}
