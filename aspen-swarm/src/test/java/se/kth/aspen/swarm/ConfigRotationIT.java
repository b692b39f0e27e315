package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.compose.FileObjectSpec;
import se.kth.aspen.core.compose.FileReference;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.VerifyPolicy;

/** File-based configs and secrets named by their content: edited files deploy, unchanged ones restart nothing. */
class ConfigRotationIT {

  private static final VerifyPolicy PATIENT = new VerifyPolicy(60, Duration.ofMillis(500));

  @TempDir Path directory;
  @RegisterExtension final SwarmFixture swarm = new SwarmFixture();
  private final SwarmOrchestrator orchestrator = swarm.orchestrator();

  private static Deadline minute() {
    return Deadline.in(Duration.ofMinutes(1));
  }

  private StackModel model() {
    var service = new ServiceBuilder("web", Stacks.image("1.0.0_abc")).replicas(1);
    service.configs.add(new FileReference("settings", Optional.of("/etc/app/settings.conf"), Optional.empty(),
        Optional.empty(), Optional.empty()));
    service.secrets.add(new FileReference("password", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    return Stacks.model(Map.of(), Map.of(),
        Map.of("password", new FileObjectSpec(Optional.empty(), false, Optional.of("password.txt"), Map.of(), Optional.empty())),
        Map.of("settings", new FileObjectSpec(Optional.empty(), false, Optional.of("settings.conf"), Map.of("team", "a"),
            Optional.empty())),
        service.build());
  }

  private void deployAndConverge(String stack, StackModel model) throws Exception {
    orchestrator.deploy(Stacks.request(stack, model, directory), minute());
    assertThat(orchestrator.awaitConvergence(Stacks.localCluster(), stack, PATIENT, minute()).converged()).isTrue();
  }

  private List<String> names(String stack, String route) {
    List<String> names = new ArrayList<>();
    swarm.get("/" + route + "?filters=" + new StackNames(stack).labelFilter()).forEach(o -> names.add(o.path("Spec").path("Name").asText()));
    return names;
  }

  @Test
  void anEditedConfigAndSecretDeployUnderNewNamesTheServiceRunsThemAndTheOldOnesGo() throws Exception {
    String stack = swarm.stack("rotate");
    StackModel model = model();
    Files.writeString(directory.resolve("settings.conf"), "level=1\n");
    Files.writeString(directory.resolve("password.txt"), "first");
    deployAndConverge(stack, model);
    List<String> firstConfigs = names(stack, "configs");
    List<String> firstSecrets = names(stack, "secrets");
    assertThat(firstConfigs).singleElement().asString().matches(stack + "_settings_[0-9a-f]{16}");
    assertThat(firstSecrets).singleElement().asString().matches(stack + "_password_[0-9a-f]{16}");
    JsonNode config = swarm.get("/configs/" + firstConfigs.get(0));
    assertThat(config.path("Spec").path("Labels").path(SupersededObjects.LOGICAL_NAME_LABEL).asText()).isEqualTo(stack + "_settings");
    assertThat(config.path("Spec").path("Labels").path("team").asText()).isEqualTo("a");

    Files.writeString(directory.resolve("settings.conf"), "level=2\n");
    Files.writeString(directory.resolve("password.txt"), "second");
    deployAndConverge(stack, model);

    List<String> secondConfigs = names(stack, "configs");
    List<String> secondSecrets = names(stack, "secrets");
    assertThat(secondConfigs).singleElement().asString().matches(stack + "_settings_[0-9a-f]{16}").isNotEqualTo(firstConfigs.get(0));
    assertThat(secondSecrets).singleElement().asString().matches(stack + "_password_[0-9a-f]{16}").isNotEqualTo(firstSecrets.get(0));
    JsonNode containerSpec = swarm.service(stack, "web").path("Spec").path("TaskTemplate").path("ContainerSpec");
    assertThat(containerSpec.path("Configs").get(0).path("ConfigName").asText()).isEqualTo(secondConfigs.get(0));
    assertThat(containerSpec.path("Secrets").get(0).path("SecretName").asText()).isEqualTo(secondSecrets.get(0));
    String container = swarm.runningContainer(stack, "web");
    assertThat(DockerCli.run("exec", container, "cat", "/etc/app/settings.conf")).isEqualTo("level=2\n");
    assertThat(DockerCli.run("exec", container, "cat", "/run/secrets/password")).isEqualTo("second");
  }

  @Test
  void unchangedContentKeepsItsNameAndRestartsNothing() throws Exception {
    String stack = swarm.stack("rotate-same");
    StackModel model = model();
    Files.writeString(directory.resolve("settings.conf"), "level=1\n");
    Files.writeString(directory.resolve("password.txt"), "first");
    deployAndConverge(stack, model);
    List<String> tasks = swarm.runningTaskIds(stack, "web");
    List<String> configs = names(stack, "configs");

    deployAndConverge(stack, model);

    assertThat(names(stack, "configs")).isEqualTo(configs);
    assertThat(swarm.runningTaskIds(stack, "web")).isEqualTo(tasks);
  }

  @Test
  void withRotationOffTheCliNamesAreUsed() throws Exception {
    String stack = swarm.stack("rotate-off");
    Files.writeString(directory.resolve("settings.conf"), "level=1\n");
    Files.writeString(directory.resolve("password.txt"), "first");
    try (SwarmOrchestrator cliNames = new SwarmOrchestrator(Stacks.settings().withConfigRotation(false))) {
      cliNames.deploy(Stacks.request(stack, model(), directory), minute());
    }

    assertThat(names(stack, "configs")).containsExactly(stack + "_settings");
    assertThat(names(stack, "secrets")).containsExactly(stack + "_password");
    assertThat(swarm.get("/configs/" + stack + "_settings").path("Spec").path("Labels").has(SupersededObjects.LOGICAL_NAME_LABEL))
        .isFalse();
  }
}
