package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.kth.aspen.core.compose.PortSpec;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.LiveService;
import se.kth.aspen.core.port.LiveStack;
import se.kth.aspen.core.port.SecretEnvironment;
import se.kth.aspen.core.port.SpecDifference;
import se.kth.aspen.core.port.StackOwner;
import se.kth.aspen.core.port.VerifyPolicy;

/** What runs compared with what Aspen deployed: changes made by hand show field by field, nothing else does. */
class DriftIT {

  private static final VerifyPolicy PATIENT = new VerifyPolicy(60, Duration.ofMillis(500));

  @TempDir Path directory;
  @RegisterExtension final SwarmFixture swarm = new SwarmFixture();
  private final SwarmOrchestrator orchestrator = swarm.orchestrator();

  private static Deadline minute() {
    return Deadline.in(Duration.ofMinutes(1));
  }

  private StackModel model() {
    ServiceBuilder web = new ServiceBuilder("web", Stacks.image("1.0.0_abc")).env("MODE", "quiet").env("PASSWORD", "hunter2");
    web.labels.put("team", "a");
    web.ports.add(new PortSpec(80, Optional.empty(), "tcp", "ingress", Optional.empty()));
    DeployBuilder deploy = DeployBuilder.replicas(1);
    deploy.labels.put("se.kth.aspen.drift.ignore", "labels.traefik.*");
    web.deploy(deploy.build());
    return Stacks.model(web.build(), new ServiceBuilder("db", Stacks.image("1.0.0_abc")).replicas(1).build());
  }

  private void deploy(String stack) throws Exception {
    orchestrator.deploy(Stacks.request(stack, model(), directory, SecretEnvironment.empty(), Map.of(), false)
        .owned(new StackOwner("it-group", "local", "fp-1")), minute());
    assertThat(orchestrator.awaitConvergence(Stacks.localCluster(), stack, PATIENT, minute()).converged()).isTrue();
  }

  private String deployed(String purpose) throws Exception {
    String stack = swarm.stack(purpose);
    deploy(stack);
    return stack;
  }

  private LiveStack live(String stack) throws Exception {
    return orchestrator.inventory(Stacks.localCluster(), minute()).orElseThrow().stack(stack).orElseThrow();
  }

  private static LiveService service(LiveStack stack, String name) {
    return stack.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aStackJustDeployedRunsWhatWasRecordedWithOwnerFingerprintAndSiblings() throws Exception {
    String stack = deployed("drift-clean");

    LiveStack live = live(stack);

    assertThat(live.managedBy()).hasValue("it-group");
    assertThat(live.services()).extracting(LiveService::name).containsExactlyInAnyOrder("web", "db");
    assertThat(live.services()).allSatisfy(s -> {
      assertThat(s.differences()).isEmpty();
      assertThat(s.fingerprint()).hasValue("fp-1");
      assertThat(s.siblings()).containsExactlyInAnyOrder("web", "db");
      assertThat(s.settling()).isFalse();
    });
    assertThat(service(live, "web").recordedLabels()).containsEntry("se.kth.aspen.drift.ignore", "labels.traefik.*");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("se.kth.aspen.swarm.DifferentialIT#corpus")
  void everyStackOfTheDifferentialCorpusReadsBackAsRecorded(String example) throws Exception {
    Path corpus = Path.of(DriftIT.class.getResource("/differential/" + example).toURI());
    StackModel model = new StackReader().read(corpus.resolve("docker-stack.yml"), example + "/docker-stack.yml", Map.of());
    String stack = swarm.stack("drift-corpus");

    orchestrator.deploy(Stacks.request(stack, model, corpus, SecretEnvironment.empty(), Map.of(), false)
        .owned(new StackOwner("it-group", "local", "fp-1")), minute());

    assertThat(live(stack).services()).hasSize(model.services().size())
        .allSatisfy(s -> assertThat(s.differences()).as(s.name()).isEmpty());
  }

  @Test
  void changesByHandShowFieldByFieldWithoutValuesAndARedeployPutsTheRecordedSpecBack() throws Exception {
    String stack = deployed("drift-hand");

    DockerCli.run("service", "update", "--quiet", "--env-add", "DEBUG=1", "--env-add", "PASSWORD=changed",
        "--image", Stacks.image("1.2.3_def"), stack + "_web");
    DockerCli.run("service", "update", "--quiet", "--replicas", "0", stack + "_db");

    LiveStack live = live(stack);
    assertThat(service(live, "web").differences()).extracting(SpecDifference::text)
        .containsExactlyInAnyOrder("env +DEBUG", "env ~PASSWORD", "image " + Stacks.image("1.0.0_abc") + "→" + Stacks.image("1.2.3_def"));
    assertThat(service(live, "web").differences()).extracting(SpecDifference::field).contains("env.DEBUG", "image");
    assertThat(service(live, "db").differences()).extracting(SpecDifference::text).containsExactly("replicas 1→0");
    assertThat(live.services().toString()).doesNotContain("hunter2").doesNotContain("changed");

    deploy(stack);

    assertThat(live(stack).services()).allSatisfy(s -> assertThat(s.differences()).isEmpty());
  }

  @Test
  void aServiceRemovedByHandIsMissingFromItsSiblingsAndOneAddedByHandCarriesNoOwner() throws Exception {
    String stack = deployed("drift-rm");

    DockerCli.run("service", "rm", stack + "_db");
    DockerCli.run("service", "create", "--quiet", "--detach", "--name", stack + "_extra", "--label",
        "com.docker.stack.namespace=" + stack, Stacks.image("1.0.0_abc"));

    LiveStack live = live(stack);
    assertThat(live.services()).extracting(LiveService::name).containsExactlyInAnyOrder("web", "extra");
    assertThat(service(live, "extra").managedBy()).isEmpty();
    assertThat(service(live, "web").siblings()).contains("db");
  }

  @Test
  void stacksNotDeployedWithAnOwnerAreListedWithNothingRecorded() throws Exception {
    String stack = swarm.stack("drift-plain");
    orchestrator.deploy(Stacks.request(stack, Stacks.model(new ServiceBuilder("web", Stacks.image("1.0.0_abc")).replicas(1).build()),
        directory), minute());

    LiveStack live = live(stack);

    assertThat(live.managedBy()).isEmpty();
    assertThat(live.services()).singleElement().satisfies(s -> {
      assertThat(s.fingerprint()).isEmpty();
      assertThat(s.differences()).isEmpty();
    });
    assertThat(swarm.service(stack, "web").path("Spec").path("Labels").has(SpecRecord.RECORD_LABEL)).isFalse();
  }
}
