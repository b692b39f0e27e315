package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.port.Deadline;

/** A wave without dependencies costs nothing: the gate returns before any engine call. */
class DependencyGateTest {

  @Test
  void aWaveWithoutDependenciesReadsNothingFromTheEngine() throws Exception {
    var model = Stacks.model(new ServiceBuilder("web", "127.0.0.1:5000/busybox:1.2.3").build(),
        new ServiceBuilder("db", "127.0.0.1:5000/busybox:1.2.3").build());
    // No engine at all: any call would fail with a NullPointerException.
    DependencyGate gate = new DependencyGate(null, new StackNames("app"), model, Deadline.in(Duration.ofSeconds(1)));

    assertThatCode(() -> gate.await(List.of("web", "db"), new DeployProgress())).doesNotThrowAnyException();
  }
}
