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
import se.kth.aspen.core.port.SpecDifference;
import se.kth.aspen.core.state.InMemoryStateStore;
import se.kth.aspen.core.testenv.TestStacks;
import se.kth.aspen.runner.Adapters;

/** {@code aspen drift}: the table, the JSON and the three exit codes, over the core's fakes. */
class DriftCommandTest {

  @TempDir Path dir;

  private Map<String, String> env;
  private final FakeOrchestrator orchestrator = new FakeOrchestrator().listStacks();
  private Adapters.Factory adapters;

  @BeforeEach
  void deployed() throws Exception {
    Path registry = Files.createDirectories(dir.resolve("registry"));
    Path file = Files.createDirectories(registry.resolve("app-a").resolve("active")).resolve("docker-stack.yml");
    Files.writeString(file, TestStacks.COMPLIANT);
    Path clusters = Files.writeString(dir.resolve("clusters.json"), "[]");
    env = Map.of("HOME", dir.toString(), "REGISTRY_REPOSITORY_URL", registry.toString(),
        "CLUSTER_STATUS_API_URL", clusters.toString(), "CLUSTER_STATUS_URL_IS_FILE", "1", "CLUSTERS_TO_DEPLOY", "*");
    FakeImageRegistry images = new FakeImageRegistry().push("127.0.0.1:5000/busybox", "1.0.0_abc", "1.2.3_def", "1.2.4_0a1b2c3", "2.0.0");
    InMemoryStateStore state = new InMemoryStateStore(Clock.systemUTC());
    adapters = (configuration, clock) -> Adapters.of(new Ports(new FakeRegistrySource(registry, "3b01b96e"),
        FakeClusterDirectory.of("active"), images, new FakeSecretStore(), orchestrator, state, new RecordingNotifier()));
    assertThat(CliRun.of(env, dir, adapters, "run", "--once").exitCode).isZero();
  }

  @Test
  void nothingChangedByHandIsNoDriftAndExits0() {
    CliRun run = CliRun.of(env, dir, adapters, "drift");

    assertThat(run.exitCode).as(run.err).isZero();
    assertThat(run.out()).isEqualTo("no drift\n");
  }

  @Test
  void aDriftedAppIsListedWithWhatDiffersAndExits1WithoutDeploying() throws Exception {
    orchestrator.drift("active", "app-a", new SpecDifference("web", "env.DEBUG", "env +DEBUG"));

    CliRun table = CliRun.of(env, dir, adapters, "drift");
    CliRun json = CliRun.of(env, dir, adapters, "drift", "--json");

    assertThat(table.exitCode).isEqualTo(1);
    assertThat(table.out()).containsPattern("CLUSTER\\s+APPLICATION\\s+DRIFT")
        .containsPattern("active\\s+app-a\\s+drift: web: env \\+DEBUG");
    JsonNode document = new ObjectMapper().readTree(json.out());
    assertThat(json.exitCode).isEqualTo(1);
    assertThat(document.path("drifted").get(0).path("reason").asText()).isEqualTo("drift: web: env +DEBUG");
    assertThat(document.path("drifted").get(0).path("path").asText()).isEqualTo("app-a/active/docker-stack.yml");
    assertThat(orchestrator.deploys()).hasSize(1);
  }

  @Test
  void aClusterThatCannotBeListedCouldNotBeCheckedAndExits2() {
    orchestrator.unlistable("active");

    CliRun run = CliRun.of(env, dir, adapters, "drift");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.out()).contains("no drift found on the clusters that could be checked")
        .contains("not checked: drift could not be checked on cluster active: listing services on active: connection refused");
  }
}
