package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassReport;

/** Changes made by hand to what Aspen deployed: reported once, reverted when asked, ignored where told. */
class DriftIT extends Scenario {

  private AppResult deployed(Aspen aspen, String app) {
    PassReport first = aspen.deployPass();
    AppResult result = result(first, app, "active");
    assertThat(result.status()).as(describe(first)).isEqualTo(AppStatus.DEPLOYED);
    return result;
  }

  @Test
  void aHandMadeChangeIsReportedOnceWithItsFieldsThenRevertedWhenThePolicySaysSo() throws Exception {
    String app = app("drift");
    writeStack(app, "active", StackFile.web());
    git.commitAndPush("an app");
    Aspen aspen = aspen();
    deployed(aspen, app);
    assertThat(result(aspen.deployPass(), app, "active").status()).isEqualTo(AppStatus.UNCHANGED);

    engine.docker("service", "update", "--quiet", "--env-add", "DEBUG=1", app + "_web");
    PassReport drifted = aspen.deployPass();
    PassReport again = aspen.deployPass();

    assertThat(result(drifted, app, "active").status()).as(describe(drifted)).isEqualTo(AppStatus.DRIFTED);
    assertThat(result(drifted, app, "active").reason()).hasValue("drift: web: env +DEBUG");
    assertThat(result(again, app, "active").status()).isEqualTo(AppStatus.DRIFTED);
    assertThat(engine.serviceEnv(app + "_web")).contains("DEBUG=1");
    drainNotices(aspen);
    assertThat(errors()).filteredOn(e -> e.path("message").asText().contains("Drift on *active/" + app + "*")).hasSize(1)
        .allSatisfy(e -> assertThat(e.path("message").asText()).contains("web: env +DEBUG"));

    env.put("DRIFT_POLICY", "revert");
    Aspen reverting = aspen();
    PassReport reverted = reverting.deployPass();
    PassReport quiet = reverting.deployPass();

    assertThat(result(reverted, app, "active").status()).as(describe(reverted)).isEqualTo(AppStatus.DEPLOYED);
    assertThat(result(reverted, app, "active").reason()).hasValue("drift reverted: web: env +DEBUG");
    assertThat(engine.serviceEnv(app + "_web")).noneMatch(e -> e.startsWith("DEBUG="));
    assertThat(result(quiet, app, "active").status()).as(describe(quiet)).isEqualTo(AppStatus.UNCHANGED);
    drainNotices(reverting);
    assertThat(deployments()).filteredOn(d -> d.path("applicationName").asText().equals(app))
        .extracting(d -> d.path("reason").asText("(none)")).containsExactly("(none)", "drift");
  }

  @Test
  void theIgnoreLabelKeepsAHandScaledServiceQuietButNotOtherChanges() throws Exception {
    String app = app("driftign");
    StackFile stack = StackFile.web();
    stack.service("web").label("se.kth.aspen.drift.ignore", "replicas");
    writeStack(app, "active", stack);
    git.commitAndPush("an app another tool scales");
    Aspen aspen = aspen();
    deployed(aspen, app);

    engine.docker("service", "update", "--quiet", "--replicas", "0", app + "_web");
    PassReport scaled = aspen.deployPass();
    engine.docker("service", "update", "--quiet", "--label-add", "owner=someone", app + "_web");
    PassReport labelled = aspen.deployPass();

    assertThat(result(scaled, app, "active").status()).as(describe(scaled)).isEqualTo(AppStatus.UNCHANGED);
    assertThat(result(labelled, app, "active").reason()).hasValue("drift: web: labels +owner");
  }

  @Test
  void aServiceRemovedByHandIsReportedAndAPlanShowsDriftWithoutNotifying() throws Exception {
    String app = app("driftrm");
    StackFile stack = StackFile.web();
    stack.add(new StackFile.Service("api"));
    writeStack(app, "active", stack);
    git.commitAndPush("a two-service app");
    Aspen aspen = aspen();
    deployed(aspen, app);

    engine.docker("service", "rm", app + "_api");
    PassReport plan = aspen.plan();

    assertThat(result(plan, app, "active").status()).as(describe(plan)).isEqualTo(AppStatus.DRIFTED);
    assertThat(result(plan, app, "active").reason()).hasValue("drift: api: removed");
    drainNotices(aspen);
    assertThat(errors()).noneMatch(e -> e.path("message").asText().contains("Drift"));
  }

  @Test
  void aClusterThatCannotBeListedIsReportedAsNotCheckedNotAsClean() throws Exception {
    String app = app("driftgone");
    clusters(cluster("active", "tcp://127.0.0.1:9", false));
    writeStack(app, "active", StackFile.web());
    git.commitAndPush("an app on a cluster that is away");

    PassReport report = aspen().deployPass();

    assertThat(report.problems()).anySatisfy(p -> assertThat(p).startsWith("drift could not be checked on cluster active: "));
  }
}
