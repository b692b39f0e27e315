package se.kth.aspen.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.fake.FakeClusterDirectory;
import se.kth.aspen.core.fake.FakeImageRegistry;
import se.kth.aspen.core.fake.FakeOrchestrator;
import se.kth.aspen.core.fake.FakeRegistrySource;
import se.kth.aspen.core.fake.FakeSecretStore;
import se.kth.aspen.core.fake.RecordingNotifier;
import se.kth.aspen.core.pass.Ports;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.state.InMemoryStateStore;
import se.kth.aspen.core.testenv.TestStacks;
import se.kth.aspen.forge.ForgeCommitStatuses;
import se.kth.aspen.runner.Adapters;
import se.kth.aspen.runner.cli.Cli;
import se.kth.aspen.runner.cli.CliContext;

/**
 * A deploying {@code run --once} posts its commit statuses to the forge (WireMock standing in for
 * GitHub): pending then success for a deployed app, failure for one that breaks a policy, nothing
 * for an unchanged one; a plan posts nothing.
 */
class CommitStatusPostingTest {

  @RegisterExtension
  static WireMockExtension forge = WireMockExtension.newInstance()
      .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
      .build();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REVISION = "3b01b96e1f2a4c5d6e7f8091a2b3c4d5e6f70812";


  @TempDir Path dir;

  private Path registry;
  private Map<String, String> env;
  private Adapters.Factory adapters;

  @BeforeEach
  void registry() throws Exception {
    forge.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201).withBody("{}")));
    registry = Files.createDirectories(dir.resolve("registry"));
    Path clusters = Files.writeString(dir.resolve("clusters.json"), "[]");
    env = Map.of("HOME", dir.toString(), "REGISTRY_REPOSITORY_URL", registry.toString(),
        "CLUSTER_STATUS_API_URL", clusters.toString(), "CLUSTER_STATUS_URL_IS_FILE", "1", "CLUSTERS_TO_DEPLOY", "*");
    FakeOrchestrator orchestrator = new FakeOrchestrator();
    FakeImageRegistry images = new FakeImageRegistry().push("127.0.0.1:5000/busybox", "1.0.0_abc", "1.2.3_def", "1.2.4_0a1b2c3", "2.0.0");
    InMemoryStateStore state = new InMemoryStateStore(Clock.systemUTC());
    adapters = (configuration, clock) -> {
      ForgeCommitStatuses statuses = ForgeCommitStatuses.builder(ForgeCommitStatuses.Provider.GITHUB,
          URI.create(forge.baseUrl()), "kth/app-registry", Secret.of("forge-token")).build();
      return Adapters.withCommitStatuses(new Ports(new FakeRegistrySource(registry, REVISION),
          FakeClusterDirectory.of("active"), images, new FakeSecretStore(), orchestrator, state, new RecordingNotifier()),
          statuses, Optional.of(URI.create("https://aspen.example.org/")), statuses);
    };
  }

  @Test
  void aDeployPostsPendingThenSuccessAPolicyBreakFailureAndAnUnchangedAppNothing() throws Exception {
    app("app-a", TestStacks.COMPLIANT);
    app("app-b", TestStacks.COMPLIANT.replace("limits: {cpus: \"0.25\", memory: 32M}", "limits: {cpus: \"0.25\"}"));

    int first = run("run", "--once");
    List<String> afterFirst = posted();
    int second = run("run", "--once");

    assertThat(first).isEqualTo(1);
    assertThat(second).isEqualTo(1);
    assertThat(afterFirst).containsExactlyInAnyOrder(
        "aspen/active/app-a pending deploying to active https://aspen.example.org/api/v1/applications/active/app-a",
        "aspen/active/app-a success deployed to active and verified https://aspen.example.org/api/v1/applications/active/app-a",
        "aspen/active/app-b failure FAILED at ResourcePolicy: service web: deploy.resources.limits.memory is missing (line 10) "
            + "https://aspen.example.org/api/v1/applications/active/app-b");
    assertThat(afterFirst.indexOf(afterFirst.stream().filter(s -> s.contains("app-a pending")).findFirst().orElseThrow()))
        .isLessThan(afterFirst.indexOf(afterFirst.stream().filter(s -> s.contains("app-a success")).findFirst().orElseThrow()));
    assertThat(posted()).filteredOn(s -> s.startsWith("aspen/active/app-a ")).hasSize(2);
  }

  @Test
  void aPlanPostsNothing() throws Exception {
    app("app-a", TestStacks.COMPLIANT);

    int plan = run("plan");

    assertThat(plan).isZero();
    assertThat(posted()).isEmpty();
  }

  private int run(String... args) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return Cli.execute(new CliContext(env, dir, quiet, quiet, adapters, () -> {
      throw new InterruptedException("not waited for");
    }, Clock.systemUTC()), args);
  }

  private void app(String name, String stack) throws Exception {
    Path file = registry.resolve(name).resolve("active").resolve("docker-stack.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, stack);
  }

  /** Every status the forge received, in order, as "context state description link". */
  private static List<String> posted() throws Exception {
    List<String> out = new ArrayList<>();
    for (var event : forge.getAllServeEvents().reversed()) {
      assertThat(event.getRequest().getUrl()).isEqualTo("/repos/kth/app-registry/statuses/" + REVISION);
      assertThat(event.getRequest().getHeader("Authorization")).isEqualTo("Bearer forge-token");
      JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
      out.add(body.path("context").asText() + " " + body.path("state").asText() + " " + body.path("description").asText() + " "
          + body.path("target_url").asText());
    }
    return out;
  }
}
