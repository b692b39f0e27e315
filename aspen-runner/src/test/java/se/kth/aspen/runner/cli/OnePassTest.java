package se.kth.aspen.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.fake.FakeClusterDirectory;
import se.kth.aspen.core.fake.FakeImageRegistry;
import se.kth.aspen.core.fake.FakeOrchestrator;
import se.kth.aspen.core.fake.FakeRegistrySource;
import se.kth.aspen.core.fake.FakeSecretStore;
import se.kth.aspen.core.fake.RecordingNotifier;
import se.kth.aspen.core.pass.Ports;
import se.kth.aspen.core.state.InMemoryStateStore;
import se.kth.aspen.core.testenv.TestStacks;
import se.kth.aspen.runner.Adapters;

/** {@code run --once} and {@code plan} over the core's fakes: output, JSON and exit codes. */
class OnePassTest {

  private static final String GOOD = TestStacks.COMPLIANT;

  @TempDir Path dir;

  private Path registry;
  private Map<String, String> env;
  private FakeOrchestrator orchestrator;
  private Adapters.Factory adapters;

  @BeforeEach
  void registry() throws Exception {
    registry = Files.createDirectories(dir.resolve("registry"));
    Path clusters = Files.writeString(dir.resolve("clusters.json"), "[]");
    env = Map.of("HOME", dir.toString(), "REGISTRY_REPOSITORY_URL", registry.toString(),
        "CLUSTER_STATUS_API_URL", clusters.toString(), "CLUSTER_STATUS_URL_IS_FILE", "1", "CLUSTERS_TO_DEPLOY", "*");
    orchestrator = new FakeOrchestrator();
    FakeImageRegistry images = new FakeImageRegistry().push("127.0.0.1:5000/busybox", "1.0.0_abc", "1.2.3_def", "1.2.4_0a1b2c3", "2.0.0");
    InMemoryStateStore state = new InMemoryStateStore(Clock.systemUTC());
    adapters = (configuration, clock) -> Adapters.of(new Ports(new FakeRegistrySource(registry, "3b01b96e"),
        FakeClusterDirectory.of("active"), images, new FakeSecretStore(), orchestrator, state, new RecordingNotifier()));
  }

  private void app(String name, String stack) throws Exception {
    Path file = registry.resolve(name).resolve("active").resolve("docker-stack.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, stack);
  }

  @Test
  void runOnceDeploysShowsProgressAndTheTableAndExits0() throws Exception {
    app("app-a", GOOD);

    CliRun run = CliRun.of(env, dir, adapters, "run", "--once");

    assertThat(run.exitCode).as(run.err).isZero();
    assertThat(run.err).containsPattern("active/app-a DEPLOYED \\d+\\.\\ds web=127\\.0\\.0\\.1:5000/busybox:1\\.2\\.4_0a1b2c3");
    assertThat(run.out()).containsPattern("APP\\s+CLUSTER\\s+STATUS\\s+IMAGE\\s+TIME")
        .containsPattern("app-a\\s+active\\s+DEPLOYED\\s+web=127\\.0\\.0\\.1:5000/busybox:1\\.2\\.4_0a1b2c3")
        .contains("revision 3b01b96e: 1 DEPLOYED in ");
    assertThat(orchestrator.deploys()).hasSize(1);
  }

  @Test
  void adoptRecordsWhatRunsListsWhatWouldDeployWithTheReasonAndDeploysNothing() throws Exception {
    app("app-a", GOOD);
    app("app-b", GOOD);
    orchestrator.runs("active", "app-a", Map.of("web", "127.0.0.1:5000/busybox:1.2.4_0a1b2c3@"
        + FakeImageRegistry.digestOf("127.0.0.1:5000/busybox:1.2.4_0a1b2c3")));
    orchestrator.runs("active", "app-b", Map.of("web", "127.0.0.1:5000/busybox:1.2.3_def"));

    CliRun adopt = CliRun.of(env, dir, adapters, "adopt");
    CliRun run = CliRun.of(env, dir, adapters, "run", "--once");

    assertThat(adopt.exitCode).as(adopt.err).isZero();
    assertThat(adopt.out()).containsPattern("app-a\\s+active\\s+ADOPTED").containsPattern("app-b\\s+active\\s+CHANGED")
        .contains("CHANGED active/app-b: would deploy: service web runs 127.0.0.1:5000/busybox:1.2.3_def, "
            + "the desired image is 127.0.0.1:5000/busybox:1.2.4_0a1b2c3")
        .contains("1 ADOPTED");
    assertThat(run.out()).containsPattern("app-a\\s+active\\s+UNCHANGED").containsPattern("app-b\\s+active\\s+DEPLOYED");
    assertThat(orchestrator.deploys()).extracting(d -> d.stackName()).containsExactly("app-b");
  }

  @Test
  void runOnceWithAdoptAdoptsInsteadOfDeploying() throws Exception {
    app("app-b", GOOD);
    orchestrator.runs("active", "app-b", Map.of("web", "127.0.0.1:5000/busybox:1.2.3_def"));

    CliRun run = CliRun.of(env, dir, adapters, "run", "--once", "--adopt", "--json");

    assertThat(run.exitCode).as(run.err).isZero();
    JsonNode result = new ObjectMapper().readTree(run.out()).path("results").get(0);
    assertThat(result.path("status").asText()).isEqualTo("CHANGED");
    assertThat(result.path("reason").asText()).startsWith("would deploy: service web runs 127.0.0.1:5000/busybox:1.2.3_def");
    assertThat(orchestrator.deploys()).isEmpty();
  }

  @Test
  void planWarnsAboutAVariableSetNowhereNamingFileAndLine() throws Exception {
    app("app-a", GOOD.replace("      WEB_VERSION: \"~1.2.0\"\n", "      WEB_VERSION: \"~1.2.0\"\n      URL: https://${DOMAIN}/\n"));

    CliRun run = CliRun.of(env, dir, adapters, "plan");

    assertThat(run.exitCode).as(run.err).isZero();
    assertThat(run.err).contains("  warning: active/app-a: app-a/active/docker-stack.yml:6: service web: variable DOMAIN"
        + " is not set, so environment.URL has an empty string in its place");
  }

  @Test
  void runOnceExits1WhenAnAppFailsAndSaysWhy() throws Exception {
    app("app-a", GOOD);
    app("app-b", GOOD.replace("limits: {cpus: \"0.25\", memory: 32M}", "limits: {cpus: \"0.25\"}"));

    CliRun run = CliRun.of(env, dir, adapters, "run", "--once");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out()).containsPattern("app-b\\s+active\\s+FAILED")
        .contains("FAILED active/app-b in step ResourcePolicy: ")
        .contains("deploy.resources.limits.memory");
  }

  @Test
  void planJsonPrintsOnlyTheContractDocumentOnStdoutAndDeploysNothing() throws Exception {
    app("app-a", GOOD);
    app("app-b", GOOD.replace("limits: {cpus: \"0.25\", memory: 32M}", "limits: {cpus: \"0.25\"}"));

    CliRun run = CliRun.of(env, dir, adapters, "plan", "--json");

    assertThat(run.exitCode).isEqualTo(1);
    JsonNode document = new ObjectMapper().readTree(run.out());
    assertThat(document.get("revision").asText()).isEqualTo("3b01b96e");
    JsonNode a = document.get("results").get(0);
    assertThat(a.get("application").asText()).isEqualTo("app-a");
    assertThat(a.get("cluster").asText()).isEqualTo("active");
    assertThat(a.get("path").asText()).isEqualTo("app-a/active/docker-stack.yml");
    assertThat(a.get("status").asText()).isEqualTo("CHANGED");
    assertThat(a.get("images").get("web").asText()).startsWith("127.0.0.1:5000/busybox:1.2.4_0a1b2c3");
    JsonNode b = document.get("results").get(1);
    assertThat(b.get("status").asText()).isEqualTo("FAILED");
    assertThat(b.get("step").asText()).isEqualTo("ResourcePolicy");
    assertThat(b.get("reason").asText()).contains("deploy.resources.limits.memory");
    assertThat(document.get("policies")).extracting(JsonNode::asText)
        .containsExactly("replicas", "logging", "restart", "resources", "front-end-rule", "host-bind");
    assertThat(orchestrator.deploys()).isEmpty();
  }

  @Test
  void planWithChosenPoliciesChecksOnlyThoseAndSaysSo() throws Exception {
    app("app-b", GOOD.replace("limits: {cpus: \"0.25\", memory: 32M}", "limits: {cpus: \"0.25\"}"));
    Map<String, String> chosen = new java.util.HashMap<>(env);
    chosen.put("POLICIES", "replicas,logging");

    CliRun text = CliRun.of(chosen, dir, adapters, "plan");
    CliRun json = CliRun.of(chosen, dir, adapters, "plan", "--json");

    assertThat(text.exitCode).as(text.err).isZero();
    assertThat(text.out()).containsPattern("app-b\\s+active\\s+CHANGED").contains("policies applied: replicas, logging");
    assertThat(new ObjectMapper().readTree(json.out()).get("policies")).extracting(JsonNode::asText)
        .containsExactly("replicas", "logging");
  }

  @Test
  void aPolicyNameThatDoesNotExistStopsPlanAndRunAtStart() throws Exception {
    app("app-a", GOOD);
    Map<String, String> typo = new java.util.HashMap<>(env);
    typo.put("POLICIES", "replicas,loging");

    CliRun plan = CliRun.of(typo, dir, adapters, "plan");
    CliRun run = CliRun.of(typo, dir, adapters, "run", "--once");

    for (CliRun refused : java.util.List.of(plan, run)) {
      assertThat(refused.exitCode).isEqualTo(2);
      assertThat(refused.err).contains("POLICIES: \"loging\" is not a policy");
    }
    assertThat(orchestrator.deploys()).isEmpty();
  }

  @Test
  void aDeployThatDidNotConvergeIsBlockedInTheNextRunAndPlanWithItsReasonAndSince() throws Exception {
    app("app-a", GOOD);
    orchestrator.neverConverges("app-a", "web", "task: non-zero exit (1)");

    CliRun failed = CliRun.of(env, dir, adapters, "run", "--once");
    CliRun blocked = CliRun.of(env, dir, adapters, "run", "--once");
    CliRun plan = CliRun.of(env, dir, adapters, "plan", "--json");

    assertThat(failed.exitCode).isEqualTo(1);
    assertThat(failed.out()).containsPattern("app-a\\s+active\\s+FAILED");
    assertThat(blocked.exitCode).isEqualTo(1);
    assertThat(blocked.out()).containsPattern("app-a\\s+active\\s+BLOCKED")
        .containsPattern("BLOCKED active/app-a in step \\w+: .+ \\(since 20\\d\\d-");
    JsonNode result = new ObjectMapper().readTree(plan.out()).get("results").get(0);
    assertThat(result.get("status").asText()).isEqualTo("BLOCKED");
    assertThat(result.get("since").asText()).isNotBlank();
    assertThat(result.get("reason").asText()).isNotBlank();
    assertThat(orchestrator.deploys()).as("the failed desired state is not applied again").hasSize(1);
  }

  @Test
  void runOnceJsonSaysDeployedWherePlanSaysChangedAndASecondRunIsUnchanged() throws Exception {
    app("app-a", GOOD);

    CliRun first = CliRun.of(env, dir, adapters, "run", "--once", "--json");
    CliRun second = CliRun.of(env, dir, adapters, "run", "--once", "--json");

    assertThat(first.exitCode).isZero();
    assertThat(new ObjectMapper().readTree(first.out()).get("results").get(0).get("status").asText()).isEqualTo("DEPLOYED");
    assertThat(new ObjectMapper().readTree(second.out()).get("results").get(0).get("status").asText()).isEqualTo("UNCHANGED");
    assertThat(orchestrator.deploys()).hasSize(1);
  }
}
