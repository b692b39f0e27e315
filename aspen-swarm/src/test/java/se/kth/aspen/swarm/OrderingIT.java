package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.DeployOutcome;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.testenv.TestEnvironment;

/** depends_on on the real swarm: a wave is written only once what it depends on is healthy or completed. */
class OrderingIT {

  @TempDir Path directory;
  @RegisterExtension final SwarmFixture swarm = new SwarmFixture();
  private final SwarmOrchestrator orchestrator = swarm.orchestrator();

  private StackModel model(String yaml, Map<String, String> variables) throws Exception {
    Path file = directory.resolve("docker-stack.yml");
    Files.writeString(file, yaml.replace("IMAGE", TestEnvironment.get().testImage()));
    return new StackReader().read(file, "app/local/docker-stack.yml", variables);
  }

  private static Deadline minutes(int n) {
    return Deadline.in(Duration.ofMinutes(n));
  }

  static final String HEALTHY = """
      services:
        web:
          image: IMAGE:1.0.0_abc
          command: [sleep, "3600"]
          stop_grace_period: 1s
          depends_on:
            db:
              condition: service_healthy
        db:
          image: IMAGE:1.0.0_abc
          command: [sh, -c, "sleep 3; touch /tmp/ready; exec sleep 3600"]
          stop_grace_period: 1s
          healthcheck:
            test: [CMD, test, -f, /tmp/ready]
            interval: 1s
            timeout: 2s
            retries: 60
      """;

  @Test
  void aServiceIsCreatedOnlyAfterTheServiceItNeedsHealthyBecameHealthy() throws Exception {
    String stack = swarm.stack("order-healthy");
    Instant since = Instant.now().minusSeconds(1);

    DeployOutcome outcome = orchestrator.deploy(Stacks.request(stack, model(HEALTHY, Map.of()), directory), minutes(3));

    assertThat(outcome.created()).containsExactly("db", "web");
    List<JsonNode> events = events(since);
    long healthy = events.stream().filter(e -> e.path("Type").asText().equals("container")
            && e.path("Action").asText().equals("health_status: healthy")
            && e.path("Actor").path("Attributes").path("com.docker.swarm.service.name").asText().equals(stack + "_db"))
        .mapToLong(e -> e.path("timeNano").asLong()).min().orElseThrow(() -> new AssertionError("db never became healthy: " + events));
    long webCreated = events.stream().filter(e -> e.path("Type").asText().equals("service")
            && e.path("Action").asText().equals("create")
            && e.path("Actor").path("Attributes").path("name").asText().equals(stack + "_web"))
        .mapToLong(e -> e.path("timeNano").asLong()).min().orElseThrow(() -> new AssertionError("web was never created: " + events));
    assertThat(webCreated).as("web created after db turned healthy").isGreaterThan(healthy);
  }

  /**
   * db fails its first try and, restarted by Swarm, comes up healthy: a file in a directory of
   * the test's, bound into the task, remembers the try. ALWAYS_FAIL makes every try fail.
   */
  static final String HEALTHY_ON_RESTART = """
      services:
        web:
          image: IMAGE:1.0.0_abc
          command: [sleep, "3600"]
          stop_grace_period: 1s
          depends_on:
            db:
              condition: service_healthy
        db:
          image: IMAGE:1.0.0_abc
          command: [sh, -c, "if [ -f /tries/tried ] && [ ALWAYS_FAIL = no ]; then touch /tmp/ready; exec sleep 3600; fi; touch /tries/tried; exit 1"]
          stop_grace_period: 1s
          volumes:
            - TRIES:/tries
          deploy:
            restart_policy: {condition: on-failure, delay: 1s, max_attempts: 1}
          healthcheck:
            test: [CMD, test, -f, /tmp/ready]
            interval: 1s
            timeout: 2s
            retries: 60
      """;

  @Test
  void aDependencyWhoseTaskFailsAndIsRestartedHealthyLetsItsDependentBeCreated() throws Exception {
    String stack = swarm.stack("order-restart");
    Path tries = Files.createDirectories(directory.resolve("tries"));
    Instant since = Instant.now().minusSeconds(1);

    DeployOutcome outcome = orchestrator.deploy(Stacks.request(stack,
        model(HEALTHY_ON_RESTART.replace("TRIES", tries.toString()).replace("ALWAYS_FAIL", "no"), Map.of()), directory), minutes(3));

    assertThat(outcome.created()).containsExactly("db", "web");
    assertThat(swarm.tasks(stack, "db")).as("db's first task failed").anyMatch(t -> t.path("Status").path("State").asText().equals("failed"));
    List<JsonNode> events = events(since);
    long healthy = events.stream().filter(e -> e.path("Action").asText().equals("health_status: healthy")
            && e.path("Actor").path("Attributes").path("com.docker.swarm.service.name").asText().equals(stack + "_db"))
        .mapToLong(e -> e.path("timeNano").asLong()).min().orElseThrow(() -> new AssertionError("db never became healthy: " + events));
    long webCreated = events.stream().filter(e -> e.path("Type").asText().equals("service")
            && e.path("Action").asText().equals("create")
            && e.path("Actor").path("Attributes").path("name").asText().equals(stack + "_web"))
        .mapToLong(e -> e.path("timeNano").asLong()).min().orElseThrow(() -> new AssertionError("web was never created: " + events));
    assertThat(webCreated).as("web created after db's restarted task turned healthy").isGreaterThan(healthy);
  }

  @Test
  void aDependencyWhoseRestartPolicyGivesUpStopsTheDeployAtItsLastFailure() throws Exception {
    String stack = swarm.stack("order-giveup");
    Path tries = Files.createDirectories(directory.resolve("tries"));

    assertThatThrownBy(() -> orchestrator.deploy(Stacks.request(stack,
        model(HEALTHY_ON_RESTART.replace("TRIES", tries.toString()).replace("ALWAYS_FAIL", "yes"), Map.of()), directory), minutes(3)))
        .isInstanceOfSatisfying(RefusedException.class, e -> {
          assertThat(e.created()).as("db was created before web was refused").containsExactly("db");
          assertThat(e.updated()).isEmpty();
        })
        .hasMessageContaining("service " + stack + "_web was not deployed: it depends on db (service_healthy), "
            + "which failed: db: failed (task: non-zero exit (1))");

    // Not the deadline's message ("the deadline passed"): given up once both tries had failed.
    assertThat(swarm.tasks(stack, "db")).as("the first try and the one restart max_attempts allows")
        .filteredOn(t -> t.path("Status").path("State").asText().equals("failed")).hasSize(2);
  }

  static final String MIGRATION = """
      services:
        web:
          image: IMAGE:${WEB_TAG}
          command: [sleep, "3600"]
          stop_grace_period: 1s
          depends_on:
            migrate:
              condition: service_completed_successfully
        migrate:
          image: IMAGE:1.0.0_abc
          command: [sh, -c, "sleep 2; echo migrated ${RUN}; exit ${EXIT}"]
          deploy:
            mode: replicated-job
            restart_policy:
              condition: none
      """;

  @Test
  void aJobCompletesBeforeItsDependentIsUpdatedRunsOnceAndAFailedJobLeavesTheDependentAlone() throws Exception {
    String stack = swarm.stack("order-job");
    orchestrator.deploy(Stacks.request(stack, model(MIGRATION, Map.of("WEB_TAG", "1.0.0_abc", "RUN", "1", "EXIT", "0")),
        directory), minutes(3));

    JsonNode job = swarm.tasks(stack, "migrate").getFirst();
    assertThat(job.path("Status").path("State").asText()).isEqualTo("complete");
    Instant completed = Instant.parse(job.path("Status").path("Timestamp").asText());
    Instant webCreated = Instant.parse(swarm.service(stack, "web").path("CreatedAt").asText());
    assertThat(webCreated).as("web created after the job completed").isAfter(completed);

    DeployOutcome again = orchestrator.deploy(Stacks.request(stack,
        model(MIGRATION, Map.of("WEB_TAG", "1.0.0_abc", "RUN", "1", "EXIT", "0")), directory), minutes(3));

    assertThat(again.updated()).containsExactly("web");
    assertThat(swarm.tasks(stack, "migrate")).as("an unchanged job is not run again").hasSize(1);
    assertThat(swarm.service(stack, "migrate").path("JobStatus").path("JobIteration").path("Index").asLong(0)).isZero();

    assertThatThrownBy(() -> orchestrator.deploy(Stacks.request(stack,
        model(MIGRATION, Map.of("WEB_TAG", "1.2.3_def", "RUN", "2", "EXIT", "1")), directory), minutes(3)))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.updated()).containsExactly("migrate"))
        .hasMessageContaining("service " + stack + "_web was not deployed: it depends on migrate (service_completed_successfully), "
            + "which failed: migrate: failed (task: non-zero exit (1))");
    assertThat(swarm.service(stack, "web").path("Spec").path("TaskTemplate").path("ContainerSpec").path("Image").asText())
        .as("web keeps its previous image").startsWith(Stacks.image("1.0.0_abc"));
  }

  /** The engine's service and container events since {@code since}, as {@code docker events} prints them. */
  private static List<JsonNode> events(Instant since) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("docker", "events", "--since", String.valueOf(since.getEpochSecond()),
        "--until", String.valueOf(Instant.now().getEpochSecond() + 1), "--filter", "type=service", "--filter", "type=container",
        "--format", "{{json .}}").redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    List<JsonNode> events = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : output.split("\n")) {
      if (line.startsWith("{")) {
        events.add(json.readTree(line));
      }
    }
    return events;
  }
}
