package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.compose.FileObjectSpec;
import se.kth.aspen.core.compose.FileReference;
import se.kth.aspen.core.compose.NetworkAttachment;
import se.kth.aspen.core.compose.NetworkSpec;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RefusedException;

/** Secrets, configs and networks: what the engine refuses comes back as a clear error. */
class StackObjectsIT {

  @TempDir Path directory;
  @RegisterExtension final SwarmFixture swarm = new SwarmFixture();

  private static Deadline minute() {
    return Deadline.in(Duration.ofMinutes(1));
  }

  @Test
  void withRotationOffASecretWhoseContentChangedIsRefusedNamingItAndWhatWasApplied() throws Exception {
    SwarmOrchestrator orchestrator = swarm.orchestrator(Stacks.settings().withConfigRotation(false));
    String stack = swarm.stack("secretchange");
    Files.writeString(directory.resolve("password.txt"), "first");
    var service = new ServiceBuilder("web", Stacks.image("1.0.0_abc")).replicas(1);
    service.secrets.add(new FileReference("password", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    StackModel model = Stacks.model(Map.of(), Map.of(),
        Map.of("password", new FileObjectSpec(Optional.empty(), false, Optional.of("password.txt"), Map.of(), Optional.empty())),
        Map.of(), service.build());
    orchestrator.deploy(Stacks.request(stack, model, directory), minute());
    orchestrator.deploy(Stacks.request(stack, model, directory), minute());

    Files.writeString(directory.resolve("password.txt"), "second");

    assertThatThrownBy(() -> orchestrator.deploy(Stacks.request(stack, model, directory), minute()))
        .isInstanceOf(RefusedException.class)
        .hasMessageStartingWith("failed to update secret " + stack + "_password: its content changed, and Swarm secrets cannot change")
        .hasMessageNotContaining("second");
  }

  @Test
  void aMissingExternalNetworkIsRefusedBeforeAnythingChanges() throws Exception {
    SwarmOrchestrator orchestrator = swarm.orchestrator();
    String stack = swarm.stack("extnet");
    var service = new ServiceBuilder("web", Stacks.image("1.0.0_abc")).replicas(1);
    service.networks.add(new NetworkAttachment("outside", List.of()));
    StackModel model = Stacks.model(Map.of("outside", new NetworkSpec(Optional.of(stack + "-absent"), true, Optional.empty(),
        Map.of(), false, false, Map.of(), Optional.empty(), List.of())), Map.of(), Map.of(), Map.of(), service.build());

    assertThatThrownBy(() -> orchestrator.deploy(Stacks.request(stack, model, directory), minute()))
        .isInstanceOf(RefusedException.class)
        .hasMessage("network \"" + stack + "-absent\" is declared as external, but could not be found. "
            + "You need to create a swarm-scoped network before the stack is deployed");
    assertThat(swarm.get("/services?filters=" + new StackNames(stack).labelFilter())).isEmpty();
  }

  @Test
  void anEngineRefusalCarriesTheEnginesMessageAndTheNetworksAlreadyCreated() throws Exception {
    SwarmOrchestrator orchestrator = swarm.orchestrator();
    String stack = swarm.stack("refused");
    var builder = new ServiceBuilder("web", Stacks.image("1.0.0_abc")).replicas(1);
    builder.hostname = Optional.of("{{.Broken");
    StackModel broken = Stacks.model(builder.build());

    assertThatThrownBy(() -> orchestrator.deploy(Stacks.request(stack, broken, directory), minute()))
        .isInstanceOf(RefusedException.class)
        .hasMessageStartingWith("creating service " + stack + "_web on unix:///var/run/docker.sock: the engine answered HTTP 400: ")
        .hasMessageEndingWith("(already applied: network " + stack + "_default created)");
  }
}
