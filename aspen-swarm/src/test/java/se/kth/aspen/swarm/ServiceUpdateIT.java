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
import se.kth.aspen.core.port.Deadline;

/** An update sent with a version the engine has moved past is sent again with the current one. */
class ServiceUpdateIT {

  @TempDir Path directory;
  @RegisterExtension final SwarmFixture swarm = new SwarmFixture();

  @Test
  void anUpdateReadBeforeTheServiceMovedOnIsAppliedToItsCurrentVersion() throws Exception {
    String stack = swarm.stack("outofsequence");
    swarm.orchestrator().deploy(Stacks.request(stack,
        Stacks.model(new ServiceBuilder("web", Stacks.image("1.0.0_abc")).replicas(1).build()), directory),
        Deadline.in(Duration.ofMinutes(1)));
    JsonNode stale = swarm.service(stack, "web");
    long staleVersion = stale.path("Version").path("Index").asLong();
    // Someone moves the service's version on: here the test (itself through an update that reads the
    // version again, since right after the create the swarm's allocator may be moving it on too).
    new ServiceUpdate(swarm.engine).apply(stale, withLabel(stale, "touched"), Map.of(), stack + "_web");

    ObjectNode wanted = withLabel(stale, "wanted");
    new ServiceUpdate(swarm.engine).apply(stale, wanted, Map.of(), stack + "_web");

    JsonNode now = swarm.service(stack, "web");
    assertThat(now.path("Version").path("Index").asLong()).isGreaterThan(staleVersion);
    assertThat(now.path("Spec").path("Labels").path("wanted").asText()).isEqualTo("yes");
    assertThat(now.path("Spec").path("Labels").has("touched")).isFalse();
  }

  private static ObjectNode withLabel(JsonNode service, String label) {
    ObjectNode spec = service.path("Spec").deepCopy();
    ObjectNode labels = spec.has("Labels") ? (ObjectNode) spec.get("Labels") : spec.putObject("Labels");
    labels.put(label, "yes");
    return spec;
  }
}
