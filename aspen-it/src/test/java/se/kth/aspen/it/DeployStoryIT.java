package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.port.DeployRecord;

/**
 * Scenarios 1 to 3: the first pass deploys every valid app of both clusters, a pass with
 * nothing changed touches nothing, and a commit to one app redeploys that app alone.
 *
 * <p>Both clusters point at the one local engine, where the Swarm stack name is the application
 * name: each cluster therefore has its own applications, so no two targets share a stack.
 */
class DeployStoryIT extends Scenario {

  private final String alpha = app("alpha");
  private final String beta = app("beta");
  private final String gamma = app("gamma");

  private void threeApps() {
    StackFile alphaStack = StackFile.web();
    alphaStack.service("web")
        .label("se.kth.slackChannels", "#team-alpha,#deploys")
        .label("se.kth.team", "team-alpha")
        .label("se.kth.publicName.swedish", "Alfa")
        .label("se.kth.publicName.english", "Alpha")
        .label("se.kth.description.swedish", "Alfa-tjänsten")
        .label("se.kth.description.english", "The alpha service")
        .label("se.kth.importance", "high")
        .label("se.kth.detectify.profileToken", "tok-alpha")
        .label("se.kth.monitorUrl", "https://alpha.example.org/_monitor")
        .label("se.kth.monitorPattern", "APPLICATION_STATUS: OK")
        .label("se.kth.publicUserDocumentationUrl", "https://docs.example.org/alpha");
    writeStack(alpha, "active", alphaStack);
    writeStack(beta, "active", StackFile.web());
    StackFile gammaStack = StackFile.web();
    gammaStack.service("web").image("127.0.0.1:5000/busybox:2.0.0");
    writeStack(gamma, "stage", gammaStack);
    git.commitAndPush("three apps on two clusters");
  }

  @Test
  void firstPassDeploysEveryAppOnItsClusterAndTellsEachDeploymentInTheContractFormat() throws Exception {
    threeApps();
    Aspen aspen = aspen();

    PassReport report = aspen.deployPass();

    assertThat(report.results()).as(describe(report)).hasSize(3).allMatch(r -> r.status() == AppStatus.DEPLOYED);
    assertThat(report.problems()).isEmpty();
    assertThat(engine.replicas(alpha + "_web")).isEqualTo("1/1");
    assertThat(engine.replicas(beta + "_web")).isEqualTo("1/1");
    assertThat(engine.replicas(gamma + "_web")).isEqualTo("1/1");
    assertThat(engine.serviceImage(alpha + "_web")).matches("127\\.0\\.0\\.1:5000/busybox:1\\.2\\.4_0a1b2c3@sha256:[0-9a-f]{64}");
    assertThat(engine.serviceImage(gamma + "_web")).matches("127\\.0\\.0\\.1:5000/busybox:2\\.0\\.0@sha256:[0-9a-f]{64}");
    assertThat(engine.serviceEnv(alpha + "_web")).contains("WEB_VERSION=1.2.4_0a1b2c3", "CLUSTER_SEEN=active");
    assertThat(engine.serviceEnv(gamma + "_web")).contains("CLUSTER_SEEN=stage");

    for (String[] target : new String[][] {{alpha, "active"}, {beta, "active"}, {gamma, "stage"}}) {
      DeployRecord recorded = aspen.state(target[1], stackPath(target[0], target[1])).lastGood().orElseThrow();
      assertThat(recorded.fingerprint()).isNotBlank();
      assertThat(recorded.images().get("web")).isEqualTo(engine.serviceImage(target[0] + "_web"));
      assertThat(aspen.state(target[1], stackPath(target[0], target[1])).lastFailed()).isEmpty();
    }

    drainNotices(aspen);
    assertThat(deployments()).hasSize(3);
    JsonNode alphaNotice = deployments().stream()
        .filter(n -> n.path("applicationName").asText().equals(alpha)).findFirst().orElseThrow();
    Map<String, Object> expected = new java.util.LinkedHashMap<>();
    expected.put("applicationName", alpha);
    expected.put("cluster", "active");
    expected.put("version", "1.2.4_0a1b2c3");
    expected.put("imageName", "busybox");
    expected.put("applicationPath", "/web/");
    expected.put("created", "1767254400.000");
    expected.put("replicas", 1);
    expected.put("slackChannels", "#team-alpha,#deploys");
    expected.put("team", "team-alpha");
    expected.put("publicNameSwedish", "Alfa");
    expected.put("publicNameEnglish", "Alpha");
    expected.put("descriptionSwedish", "Alfa-tjänsten");
    expected.put("descriptionEnglish", "The alpha service");
    expected.put("importance", "high");
    expected.put("detectifyProfileTokens", "tok-alpha");
    expected.put("monitorUrl", "https://alpha.example.org/_monitor");
    expected.put("monitorPattern", "APPLICATION_STATUS: OK");
    expected.put("publicUserDocumentationUrl", "https://docs.example.org/alpha");
    assertThat(JSON.convertValue(alphaNotice, Map.class)).containsExactlyInAnyOrderEntriesOf(expected);
    JsonNode gammaNotice = deployments().stream()
        .filter(n -> n.path("applicationName").asText().equals(gamma)).findFirst().orElseThrow();
    assertThat(gammaNotice.path("cluster").asText()).isEqualTo("stage");
    assertThat(gammaNotice.path("version").asText()).isEqualTo("2.0.0");
    assertThat(errors()).isEmpty();
    assertThat(recommendationsFor(beta)).as("one recommendation per missing label").hasSize(6);
    assertThat(recommendationsFor(alpha)).as("alpha has every recommended label").isEmpty();
  }

  @Test
  void secondPassWithNothingChangedMakesNoDockerWriteAndSendsNothing() {
    threeApps();
    Aspen aspen = aspen();
    assertThat(aspen.deployPass().count(AppStatus.DEPLOYED)).isEqualTo(3);
    drainNotices(aspen);
    int deploymentsBefore = deployments().size();
    int errorsBefore = errors().size();
    Instant since = Instant.now();

    PassReport second = aspen.deployPass();

    assertThat(second.results()).as(describe(second)).hasSize(3).allMatch(r -> r.status() == AppStatus.UNCHANGED);
    assertThat(writesSince(since)).isEmpty();
    drainNotices(aspen);
    assertThat(deployments()).hasSize(deploymentsBefore);
    assertThat(errors()).hasSize(errorsBefore);
  }

  @Test
  void aCommitChangingOneAppRedeploysThatAppAndLeavesTheOthersAlone() {
    threeApps();
    Aspen aspen = aspen();
    assertThat(aspen.deployPass().count(AppStatus.DEPLOYED)).isEqualTo(3);
    long betaVersion = engine.serviceVersion(beta + "_web");
    long gammaVersion = engine.serviceVersion(gamma + "_web");
    StackFile changed = StackFile.web();
    changed.service("web").env("GREETING", "hello from the second commit");
    writeStack(alpha, "active", changed);
    git.commitAndPush("alpha says hello");
    drainNotices(aspen);
    int deploymentsBefore = deployments().size();
    Instant since = Instant.now();

    PassReport report = aspen.deployPass();

    assertThat(result(report, alpha, "active").status()).as(describe(report)).isEqualTo(AppStatus.DEPLOYED);
    assertThat(result(report, beta, "active").status()).isEqualTo(AppStatus.UNCHANGED);
    assertThat(result(report, gamma, "stage").status()).isEqualTo(AppStatus.UNCHANGED);
    assertThat(engine.serviceEnv(alpha + "_web")).contains("GREETING=hello from the second commit");
    assertThat(engine.serviceVersion(beta + "_web")).isEqualTo(betaVersion);
    assertThat(engine.serviceVersion(gamma + "_web")).isEqualTo(gammaVersion);
    List<Engine.Write> writes = writesSince(since);
    assertThat(writes).isNotEmpty().allMatch(w -> w.name().startsWith(alpha));
    drainNotices(aspen);
    assertThat(deployments()).hasSize(deploymentsBefore + 1);
    assertThat(deployments().getLast().path("applicationName").asText()).isEqualTo(alpha);
  }
}
