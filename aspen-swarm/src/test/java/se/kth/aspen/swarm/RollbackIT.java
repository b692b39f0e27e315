package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.compose.RestartPolicySpec;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.UpdateConfigSpec;
import se.kth.aspen.core.port.Convergence;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.VerifyPolicy;

/** Failed updates: Swarm's own rollback is a failure, and a whole stack can be put back. */
class RollbackIT {

  private static final VerifyPolicy PATIENT = new VerifyPolicy(120, Duration.ofMillis(500));

  @TempDir Path directory;
  @RegisterExtension final SwarmFixture swarm = new SwarmFixture();
  private final SwarmOrchestrator orchestrator = swarm.orchestrator();

  private static Deadline minutes(int n) {
    return Deadline.in(Duration.ofMinutes(n));
  }

  private static ServiceBuilder rollingBack(String image, boolean crash) {
    DeployBuilder deploy = DeployBuilder.replicas(1);
    deploy.updateConfig = Optional.of(new UpdateConfigSpec(Optional.of(1), Optional.empty(), Optional.of("rollback"),
        Optional.of(Duration.ofSeconds(3)), Optional.empty(), Optional.empty()));
    deploy.restartPolicy = Optional.of(new RestartPolicySpec(Optional.of("on-failure"), Optional.of(Duration.ofMillis(200)),
        Optional.empty(), Optional.empty()));
    ServiceBuilder service = new ServiceBuilder("web", image).deploy(deploy.build());
    return crash ? service.command("sh", "-c", "exit 3") : service;
  }

  @Test
  void anUpdateSwarmRolledBackIsReportedAsAFailure() throws Exception {
    String stack = swarm.stack("swarmrollback");
    orchestrator.deploy(Stacks.request(stack, Stacks.model(rollingBack(Stacks.image("1.0.0_abc"), false).build()), directory), minutes(1));
    assertThat(orchestrator.awaitConvergence(Stacks.localCluster(), stack, PATIENT, minutes(1)).converged()).isTrue();

    orchestrator.deploy(Stacks.request(stack, Stacks.model(rollingBack(Stacks.image("1.2.3_def"), true).build()), directory), minutes(1));
    Convergence convergence = orchestrator.awaitConvergence(Stacks.localCluster(), stack, PATIENT, minutes(2));

    assertThat(convergence.converged()).isFalse();
    assertThat(convergence.rolledBack()).singleElement().asString().startsWith("web: rollback_completed");
    assertThat(convergence.failures()).anySatisfy(f -> {
      assertThat(f.service()).isEqualTo("web");
      assertThat(f.state()).isEqualTo("failed");
    });
    assertThat(convergence.services().get(0).image()).startsWith(Stacks.image("1.0.0_abc"));
  }

  @Test
  void wholeStackRollbackPutsEveryNamedServiceBackOnItsPreviousSpec() throws Exception {
    String stack = swarm.stack("stackrollback");
    StackModel v1 = Stacks.model(new ServiceBuilder("a", Stacks.image("1.0.0_abc")).replicas(1).build(),
        new ServiceBuilder("b", Stacks.image("1.0.0_abc")).replicas(1).build(),
        new ServiceBuilder("c", Stacks.image("1.0.0_abc")).replicas(1).build());
    orchestrator.deploy(Stacks.request(stack, v1, directory), minutes(1));
    assertThat(orchestrator.awaitConvergence(Stacks.localCluster(), stack, PATIENT, minutes(1)).converged()).isTrue();
    StackModel v2 = Stacks.model(new ServiceBuilder("a", Stacks.image("2.0.0")).replicas(1).build(),
        new ServiceBuilder("b", Stacks.image("2.0.0")).replicas(1).build(),
        new ServiceBuilder("c", Stacks.image("1.0.0_abc")).replicas(1).build());
    orchestrator.deploy(Stacks.request(stack, v2, directory), minutes(1));
    assertThat(orchestrator.awaitConvergence(Stacks.localCluster(), stack, PATIENT, minutes(1)).converged()).isTrue();

    List<String> rolledBack = orchestrator.rollback(Stacks.localCluster(), stack, List.of("a", "b", "missing"), minutes(1));

    assertThat(rolledBack).containsExactly("a", "b");
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(orchestrator.services(Stacks.localCluster(), stack, minutes(1))).allSatisfy(s -> {
          assertThat(s.image()).startsWith(Stacks.image("1.0.0_abc") + "@sha256:");
          assertThat(s.runningReplicas()).isEqualTo(1);
          if (!s.name().equals("c")) {
            assertThat(s.updateState()).hasValue("rollback_completed");
          }
        }));
  }
}
