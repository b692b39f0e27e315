package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.port.Convergence;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.DeployOutcome;
import se.kth.aspen.core.port.RunningService;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.SecretEnvironment;
import se.kth.aspen.core.port.VerifyPolicy;

class SwarmOrchestratorIT {

  private static final VerifyPolicy PATIENT = new VerifyPolicy(60, Duration.ofMillis(500));

  @TempDir Path directory;
  @RegisterExtension final SwarmFixture swarm = new SwarmFixture();
  private final SwarmOrchestrator orchestrator = swarm.orchestrator();

  private static Deadline minute() {
    return Deadline.in(Duration.ofMinutes(1));
  }

  @Test
  void createsAStackThatConvergesOnADigestPinnedImage() throws Exception {
    String stack = swarm.stack("create");
    StackModel model = Stacks.model(new ServiceBuilder("web", Stacks.image("1.0.0_abc")).replicas(2).build());

    DeployOutcome outcome = orchestrator.deploy(Stacks.request(stack, model, directory), minute());
    Convergence convergence = orchestrator.awaitConvergence(Stacks.localCluster(), stack, PATIENT, minute());

    assertThat(outcome.created()).containsExactly("web");
    assertThat(convergence.converged()).as(convergence.toString()).isTrue();
    List<RunningService> services = orchestrator.services(Stacks.localCluster(), stack, minute());
    assertThat(services).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("web");
      assertThat(s.image()).startsWith(Stacks.image("1.0.0_abc") + "@sha256:");
      assertThat(s.desiredReplicas()).isEqualTo(2);
      assertThat(s.runningReplicas()).isEqualTo(2);
    });
    var spec = swarm.service(stack, "web").path("Spec");
    assertThat(spec.path("Labels").path("com.docker.stack.namespace").asText()).isEqualTo(stack);
    assertThat(spec.path("Labels").path("com.docker.stack.image").asText()).isEqualTo(Stacks.image("1.0.0_abc"));
    assertThat(spec.path("TaskTemplate").path("Placement").path("Platforms").get(0).path("OS").asText()).isEqualTo("linux");
  }

  @Test
  void aNewTagRollsTheServiceAndAnUnchangedRedeployRestartsNoTask() throws Exception {
    String stack = swarm.stack("update");
    StackModel first = Stacks.model(new ServiceBuilder("web", Stacks.image("1.0.0_abc")).replicas(1).build());
    orchestrator.deploy(Stacks.request(stack, first, directory), minute());
    assertThat(orchestrator.awaitConvergence(Stacks.localCluster(), stack, PATIENT, minute()).converged()).isTrue();

    StackModel second = Stacks.model(new ServiceBuilder("web", Stacks.image("1.2.3_def")).replicas(1).build());
    DeployOutcome updated = orchestrator.deploy(Stacks.request(stack, second, directory), minute());
    Convergence afterUpdate = orchestrator.awaitConvergence(Stacks.localCluster(), stack, PATIENT, minute());

    assertThat(updated.updated()).containsExactly("web");
    assertThat(afterUpdate.converged()).as(afterUpdate.toString()).isTrue();
    assertThat(afterUpdate.services().get(0).image()).startsWith(Stacks.image("1.2.3_def") + "@sha256:");
    List<String> tasksBefore = swarm.runningTaskIds(stack, "web");
    long versionBefore = swarm.service(stack, "web").path("Version").path("Index").asLong();

    orchestrator.deploy(Stacks.request(stack, second, directory), minute());
    Convergence afterRedeploy = orchestrator.awaitConvergence(Stacks.localCluster(), stack, PATIENT, minute());

    assertThat(afterRedeploy.converged()).isTrue();
    assertThat(swarm.service(stack, "web").path("Version").path("Index").asLong()).isGreaterThan(versionBefore);
    assertThat(swarm.runningTaskIds(stack, "web")).isEqualTo(tasksBefore);
  }

  @Test
  void secretsEnvValuesReachTheTaskEnvironmentWithFileAndEnvironmentOverrides() throws Exception {
    String stack = swarm.stack("secretenv");
    Files.writeString(directory.resolve("app.env"), "FROM_FILE=file value  \nOVERRIDDEN=from-file\n# comment\nBARE\n");
    StackModel model = Stacks.model(new ServiceBuilder("web", Stacks.image("1.0.0_abc"))
        .envFile("app.env").envFile("secrets.decrypted.env").env("OVERRIDDEN", "from-environment").replicas(1).build());
    SecretEnvironment secrets = SecretEnvironment.of(Map.of("DB_PASSWORD", Secret.of("s3cret pass")));

    orchestrator.deploy(Stacks.request(stack, model, directory, secrets, Map.of(), false), minute());
    assertThat(orchestrator.awaitConvergence(Stacks.localCluster(), stack, PATIENT, minute()).converged()).isTrue();

    String env = DockerCli.run("exec", swarm.runningContainer(stack, "web"), "env");
    assertThat(env.lines()).contains("DB_PASSWORD=s3cret pass", "FROM_FILE=file value  ", "OVERRIDDEN=from-environment")
        .noneMatch(l -> l.startsWith("BARE"));
    assertThat(directory.resolve("secrets.decrypted.env")).doesNotExist();
  }

  @Test
  void aVaultedBindFileIsMountedFromASwarmSecretAndNeverWritten() throws Exception {
    String stack = swarm.stack("vaultfile");
    var builder = new ServiceBuilder("web", Stacks.image("1.0.0_abc")).replicas(1);
    builder.volumes.add(new se.kth.aspen.core.compose.VolumeMount("bind", java.util.Optional.of("./conf/app.yml"),
        "/etc/app/app.yml", true, Map.of()));
    StackModel model = Stacks.model(builder.build());

    orchestrator.deploy(Stacks.request(stack, model, directory, SecretEnvironment.empty(),
        Map.of("./conf/app.yml", Secret.of("password: hunter2\n")), false), minute());
    assertThat(orchestrator.awaitConvergence(Stacks.localCluster(), stack, PATIENT, minute()).converged()).isTrue();

    assertThat(DockerCli.run("exec", swarm.runningContainer(stack, "web"), "cat", "/etc/app/app.yml")).isEqualTo("password: hunter2\n");
    assertThat(directory.resolve("conf")).doesNotExist();
  }

  @Test
  void anImageThatDoesNotExistFailsConvergenceWithTheTaskError() throws Exception {
    String stack = swarm.stack("noimage");
    StackModel model = Stacks.model(new ServiceBuilder("web", Stacks.image("9.9.9_missing")).replicas(1).build());

    orchestrator.deploy(Stacks.request(stack, model, directory), minute());
    Convergence convergence = orchestrator.awaitConvergence(Stacks.localCluster(), stack, new VerifyPolicy(20, Duration.ofMillis(500)), minute());

    assertThat(convergence.converged()).isFalse();
    assertThat(convergence.failures()).isNotEmpty()
        .allSatisfy(f -> assertThat(f.service()).isEqualTo("web"))
        .anySatisfy(f -> assertThat(f.error()).hasValueSatisfying(e -> assertThat(e).contains("No such image")));
  }

  @Test
  void pruneRemovesServicesThatLeftTheFileAndNothingElse() throws Exception {
    String stack = swarm.stack("prune");
    String other = swarm.stack("prune-other");
    StackModel both = Stacks.model(new ServiceBuilder("a", Stacks.image("1.0.0_abc")).replicas(1).build(),
        new ServiceBuilder("b", Stacks.image("1.0.0_abc")).replicas(1).build());
    orchestrator.deploy(Stacks.request(stack, both, directory), minute());
    orchestrator.deploy(Stacks.request(other, both, directory), minute());
    StackModel onlyA = Stacks.model(new ServiceBuilder("a", Stacks.image("1.0.0_abc")).replicas(1).build());

    DeployOutcome withoutPrune = orchestrator.deploy(Stacks.request(stack, onlyA, directory), minute());
    assertThat(withoutPrune.removed()).isEmpty();
    DeployOutcome pruned = orchestrator.deploy(
        Stacks.request(stack, onlyA, directory, SecretEnvironment.empty(), Map.of(), true), minute());

    assertThat(pruned.removed()).containsExactly("b");
    assertThat(orchestrator.services(Stacks.localCluster(), stack, minute())).extracting(RunningService::name).containsExactly("a");
    assertThat(orchestrator.services(Stacks.localCluster(), other, minute())).extracting(RunningService::name).containsExactly("a", "b");
  }
}
