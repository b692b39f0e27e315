package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.SecretEnvironment;

/**
 * Each stack file of the corpus ({@code src/test/resources/differential}) deployed by Aspen and by
 * the engine's own {@code docker stack deploy --with-registry-auth}: the stored service specs must
 * be the same once stack names, IDs and network IDs are normalised. The differences that remain
 * on purpose are listed in the module README.
 */
class DifferentialIT {

  private SwarmFixture swarm;
  private SwarmOrchestrator orchestrator;

  @BeforeEach
  void start() {
    swarm = new SwarmFixture();
    orchestrator = new SwarmOrchestrator(Stacks.settings());
  }

  @AfterEach
  void stop() {
    try {
      swarm.close();
    } finally {
      orchestrator.close();
    }
  }

  static Stream<String> corpus() throws Exception {
    try (Stream<Path> entries = Files.list(corpusRoot())) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  private static Path corpusRoot() throws URISyntaxException {
    return Path.of(DifferentialIT.class.getResource("/differential").toURI());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void aspenGivesTheSameServiceSpecsAsDockerStackDeploy(String example) throws Exception {
    Path directory = corpusRoot().resolve(example);
    StackModel model = new StackReader().read(directory.resolve("docker-stack.yml"), example + "/docker-stack.yml", Map.of());
    String aspenStack = swarm.stack("diff-a");
    String cliStack = swarm.stack("diff-c");

    orchestrator.deploy(Stacks.request(aspenStack, model, directory, SecretEnvironment.empty(), Map.of(), false),
        Deadline.in(Duration.ofMinutes(1)));
    Map<String, JsonNode> aspen = specs(aspenStack);
    swarm.removeServices(aspenStack);
    DockerCli.run(directory, "stack", "deploy", "--with-registry-auth", "-c", "docker-stack.yml", cliStack);
    Map<String, JsonNode> cli = specs(cliStack);

    Path out = Path.of("target", "differential");
    Files.createDirectories(out);
    Files.writeString(out.resolve(example + "-aspen.json"), EngineClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(aspen));
    Files.writeString(out.resolve(example + "-cli.json"), EngineClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cli));
    assertThat(aspen.keySet()).isEqualTo(cli.keySet()).isEqualTo(model.services().keySet());
    for (String service : aspen.keySet()) {
      List<String> differences = SpecDifferences.between(aspen.get(service), cli.get(service));
      assertThat(differences).as("service %s: Aspen vs docker stack deploy", service).isEmpty();
    }
  }

  /** The stack's stored specs by service key, with names, IDs and network IDs normalised. */
  private Map<String, JsonNode> specs(String stack) throws Exception {
    Map<String, String> networkNames = new HashMap<>();
    Map<String, JsonNode> result = new TreeMap<>();
    for (JsonNode service : swarm.get("/services?filters=" + new StackNames(stack).labelFilter())) {
      ObjectNode spec = service.path("Spec").deepCopy();
      for (JsonNode network : spec.path("TaskTemplate").path("Networks")) {
        String id = network.path("Target").asText();
        String name = networkNames.computeIfAbsent(id, i -> swarm.get("/networks/" + i).path("Name").asText());
        ((ObjectNode) network).put("Target", name);
      }
      for (String field : List.of("Secrets", "Configs")) {
        for (JsonNode ref : spec.path("TaskTemplate").path("ContainerSpec").path(field)) {
          ((ObjectNode) ref).remove(List.of("SecretID", "ConfigID"));
        }
      }
      String text = EngineClient.JSON.writeValueAsString(spec).replace(stack, "STACK");
      JsonNode normalised = EngineClient.JSON.readTree(text);
      result.put(normalised.path("Name").asText().substring("STACK_".length()), normalised);
    }
    return result;
  }
}
