package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.DeployOutcome;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.SecretEnvironment;
import se.kth.aspen.core.port.StackOwner;

/**
 * The same desired state deployed twice, as when a runner stops between its engine write and its
 * record and a peer deploys the target again: the second deploy writes nothing, unless the
 * service was changed by hand since.
 */
class RepeatedDeployIT {

  @TempDir Path directory;
  @RegisterExtension final SwarmFixture swarm = new SwarmFixture();
  private final SwarmOrchestrator orchestrator = swarm.orchestrator();

  private DeployRequest request(String stack, String mode) {
    StackModel model = Stacks.model(new ServiceBuilder("web", Stacks.image("1.0.0_abc")).env("MODE", mode).replicas(1).build());
    return Stacks.request(stack, model, directory, SecretEnvironment.empty(), Map.of(), false)
        .owned(new StackOwner("it-group", "local", "fp-" + mode));
  }

  private long version(String stack) {
    return swarm.service(stack, "web").path("Version").path("Index").asLong();
  }

  @Test
  void aSecondDeployOfTheSameDesiredStateWritesNothingAndAChangedOneWrites() throws Exception {
    String stack = swarm.stack("repeated");
    orchestrator.deploy(request(stack, "one"), minute());
    long before = settledVersion(stack);

    DeployOutcome again = orchestrator.deploy(request(stack, "one"), minute());

    assertThat(again.created()).isEmpty();
    assertThat(again.updated()).isEmpty();
    assertThat(version(stack)).isEqualTo(before);

    DeployOutcome changed = orchestrator.deploy(request(stack, "two"), minute());

    assertThat(changed.updated()).containsExactly("web");
    assertThat(version(stack)).isGreaterThan(before);
  }

  @Test
  void aServiceChangedByHandSinceIsWrittenAgain() throws Exception {
    String stack = swarm.stack("repeatedbyhand");
    orchestrator.deploy(request(stack, "one"), minute());
    JsonNode service = swarm.service(stack, "web");
    ObjectNode byHand = service.path("Spec").deepCopy();
    ((ObjectNode) byHand.path("TaskTemplate").path("ContainerSpec")).putArray("Env").add("MODE=by-hand");
    new ServiceUpdate(swarm.engine).apply(service, byHand, Map.of(), stack + "_web");
    long before = settledVersion(stack);

    DeployOutcome again = orchestrator.deploy(request(stack, "one"), minute());

    assertThat(again.updated()).containsExactly("web");
    assertThat(swarm.service(stack, "web").path("Spec").path("TaskTemplate").path("ContainerSpec").path("Env").toString())
        .contains("MODE=one").doesNotContain("by-hand");
    assertThat(version(stack)).isGreaterThan(before);
  }

  /** The version once the swarm's allocator has stopped moving it on after a write. */
  private long settledVersion(String stack) throws InterruptedException {
    long seen = version(stack);
    for (int i = 0; i < 60; i++) {
      Thread.sleep(500);
      long now = version(stack);
      if (now == seen && !swarm.service(stack, "web").path("Endpoint").isMissingNode()) {
        return now;
      }
      seen = now;
    }
    return seen;
  }

  private static Deadline minute() {
    return Deadline.in(Duration.ofMinutes(1));
  }
}
