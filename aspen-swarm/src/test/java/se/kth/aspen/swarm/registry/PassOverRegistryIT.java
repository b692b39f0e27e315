package se.kth.aspen.swarm.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.fake.FakeOrchestrator;
import se.kth.aspen.core.fake.FakeRegistrySource;
import se.kth.aspen.core.fake.FakeSecretStore;
import se.kth.aspen.core.fake.MutableClock;
import se.kth.aspen.core.fake.RecordingNotifier;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.Pass;
import se.kth.aspen.core.pass.PassMode;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.pass.PassSettings;
import se.kth.aspen.core.pass.Ports;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.state.InMemoryStateStore;
import se.kth.aspen.core.testenv.TestEnvironment;
import se.kth.aspen.swarm.cluster.ClusterStatusDirectory;

/**
 * A whole pass of aspen-core with this module's real adapters for images and clusters: the
 * resolve stage turns {@code ~1.2.0} into the newest 1.2.x tag of the real registry's busybox,
 * and a deploying pass pins the digest Docker itself knows for that tag. The orchestrator,
 * secrets, state and notifier are core's fakes: deploying is not what this test is about.
 */
class PassOverRegistryIT {

  private final TestEnvironment env = TestEnvironment.get();
  private final MutableClock clock = MutableClock.atFixedStart();

  @TempDir
  Path root;

  private PassReport run(PassMode mode) throws IOException {
    Files.createDirectories(root.resolve("registry/demo/active"));
    Files.writeString(root.resolve("registry/demo/active/docker-stack.yml"), stack());
    Path clusters = root.resolve("clusters.json");
    Files.writeString(clusters,
        "[{\"status\": \"active\", \"name\": \"local\", \"load_balancer_ip\": \"unix:///var/run/docker.sock\", \"preparing\": false}]");
    DockerRegistry images = DockerRegistry.create(Registries.none().withPrimary(URI.create(env.registryUrl()),
        Optional.of(new RegistryLogin(env.registryUser(), Secret.of(env.registryPassword())))), Duration.ofSeconds(5));
    Ports ports = new Ports(new FakeRegistrySource(root.resolve("registry"), "rev-1"),
        ClusterStatusDirectory.fromSettings(clusters.toString(), true, Duration.ofSeconds(5)), images,
        new FakeSecretStore(), new FakeOrchestrator(), new InMemoryStateStore(clock), new RecordingNotifier());
    return new Pass(ports, PassSettings.defaults("it-registry").build(), clock).run(mode, result -> { });
  }

  private String stack() {
    return """
        version: "3.8"
        services:
          web:
            image: %s:${BUSYBOX_VERSION}
            environment:
              BUSYBOX_VERSION: "~1.2.0"
            logging:
              options:
                max-size: 10m
                max-file: "3"
            deploy:
              replicas: 1
              restart_policy:
                condition: on-failure
                delay: 5s
                max_attempts: 3
              resources:
                limits:
                  cpus: "0.5"
                  memory: 64M
                reservations:
                  cpus: "0.1"
                  memory: 16M
        """.formatted(env.testImage());
  }

  private static AppResult demo(PassReport report) {
    assertThat(report.results()).hasSize(1);
    return report.results().get(0);
  }

  @Test
  void thePlansResolveStagePicksTheNewestTagWithinTheTildeRange() throws Exception {
    AppResult result = demo(run(PassMode.PLAN));

    assertThat(result.reason()).isEmpty();
    assertThat(result.status()).isEqualTo(AppStatus.CHANGED);
    assertThat(result.images()).containsExactly(java.util.Map.entry("web", env.testImage() + ":1.2.4_0a1b2c3"));
  }

  @Test
  void aDeployingPassPinsTheDigestDockerKnowsForTheResolvedTag() throws Exception {
    AppResult result = demo(run(PassMode.DEPLOY));

    assertThat(result.reason()).isEmpty();
    assertThat(result.images()).containsExactly(java.util.Map.entry("web",
        env.testImage() + ":1.2.4_0a1b2c3@" + dockersDigest(env.testImage() + ":1.2.4_0a1b2c3")));
  }

  /** The repository digest the Docker engine recorded when the test setup pushed the tag. */
  private String dockersDigest(String image) throws IOException, InterruptedException {
    ProcessBuilder inspect = new ProcessBuilder(env.dockerCli().toString(), "image", "inspect", image,
        "--format", "{{range .RepoDigests}}{{println .}}{{end}}");
    inspect.environment().put("DOCKER_API_VERSION", env.dockerApiVersion());
    inspect.environment().put("DOCKER_HOST", env.dockerHost());
    inspect.redirectErrorStream(true);
    Process process = inspect.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("docker image inspect " + image + " failed: " + output);
    }
    String repository = image.substring(0, image.lastIndexOf(':')) + "@";
    return output.lines().filter(line -> line.startsWith(repository)).map(line -> line.substring(repository.length()))
        .findFirst().orElseThrow(() -> new IllegalStateException("docker knows no digest of " + image + ": " + output));
  }
}
