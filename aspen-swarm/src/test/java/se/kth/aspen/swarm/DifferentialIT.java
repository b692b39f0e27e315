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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
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
 * on purpose are listed in the module README. Secrets and configs keep the CLI's names here
 * (rotation off): content-named objects are one of those differences.
 */
@Execution(ExecutionMode.CONCURRENT) // each example has stacks of its own; most of the time is spent waiting on the engine
class DifferentialIT {

  @RegisterExtension final SwarmFixture swarm = new SwarmFixture();
  private final SwarmOrchestrator orchestrator = swarm.orchestrator(Stacks.settings().withConfigRotation(false));

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
    String aspenStack = swarm.stack("diff-a");
    String cliStack = swarm.stack("diff-c");
    // names written verbatim (configs and secrets with name:) must not meet another run's
    Map<String, String> variables = Map.of("DIFF_RUN", aspenStack.substring(aspenStack.lastIndexOf('-') + 1));
    StackModel model = new StackReader().read(directory.resolve("docker-stack.yml"), example + "/docker-stack.yml", variables);

    orchestrator.deploy(Stacks.request(aspenStack, model, directory, SecretEnvironment.empty(), Map.of(), false),
        Deadline.in(Duration.ofMinutes(1)));
    Map<String, JsonNode> aspen = specs(aspenStack);
    Map<String, JsonNode> aspenObjects = stackObjects(aspenStack, model);
    if (model.networks().values().stream().anyMatch(n -> !n.subnets().isEmpty())) {
      swarm.remove(aspenStack); // two networks with one written subnet: the second would never be allocated
    } else {
      swarm.removeServices(aspenStack);
    }
    DockerCli.run(directory, variables, "stack", "deploy", "--with-registry-auth", "-c", "docker-stack.yml", cliStack);
    Map<String, JsonNode> cli = specs(cliStack);
    Map<String, JsonNode> cliObjects = stackObjects(cliStack, model);

    assertThat(aspenObjects.keySet()).isEqualTo(cliObjects.keySet());
    for (String object : aspenObjects.keySet()) {
      assertThat(SpecDifferences.between(aspenObjects.get(object), cliObjects.get(object)))
          .as("%s: Aspen vs docker stack deploy", object).isEmpty();
    }

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

  /**
   * The stack's networks (driver, options, labels, flags, IPAM as written: subnets the engine
   * chose itself differ between any two networks), secrets and configs (name and labels).
   */
  private Map<String, JsonNode> stackObjects(String stack, StackModel model) throws Exception {
    Map<String, JsonNode> result = new TreeMap<>();
    String filter = new StackNames(stack).labelFilter();
    for (JsonNode network : swarm.get("/networks?filters=" + filter)) {
      ObjectNode kept = EngineClient.JSON.createObjectNode();
      network = swarm.get("/networks/" + network.path("Id").asText() + "?scope=swarm");
      for (String field : List.of("Name", "Driver", "Scope", "Internal", "Attachable", "Options", "Labels")) {
        if (network.has(field)) {
          kept.set(field, network.get(field));
        }
      }
      if (kept.get("Options") instanceof ObjectNode options) {
        options.remove("com.docker.network.driver.overlay.vxlanid_list");
      }
      String key = network.path("Name").asText().substring(stack.length() + 1);
      kept.put("IPAMDriver", network.path("IPAM").path("Driver").asText());
      boolean subnetsWritten = model.networks().containsKey(key) && !model.networks().get(key).subnets().isEmpty();
      if (subnetsWritten) {
        var subnets = kept.putArray("Subnets");
        network.path("IPAM").path("Config").forEach(c -> subnets.add(c.path("Subnet").asText()));
      }
      result.put("network " + key, normalise(kept, stack));
    }
    for (String kind : List.of("secrets", "configs")) {
      for (JsonNode object : swarm.get("/" + kind + "?filters=" + filter)) {
        ObjectNode kept = EngineClient.JSON.createObjectNode();
        kept.set("Name", object.path("Spec").path("Name"));
        kept.set("Labels", object.path("Spec").path("Labels"));
        String name = object.path("Spec").path("Name").asText();
        result.put(kind + " " + (name.startsWith(stack + "_") ? name.substring(stack.length() + 1) : name), normalise(kept, stack));
      }
    }
    return result;
  }

  private static JsonNode normalise(JsonNode node, String stack) throws Exception {
    return EngineClient.JSON.readTree(EngineClient.JSON.writeValueAsString(node).replace(stack, "STACK"));
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
        JsonNode refs = spec.path("TaskTemplate").path("ContainerSpec").path(field);
        List<JsonNode> sorted = new java.util.ArrayList<>();
        for (JsonNode ref : refs) {
          ((ObjectNode) ref).remove(List.of("SecretID", "ConfigID"));
          sorted.add(ref);
        }
        // the CLI leaves several references to one object in random order
        sorted.sort(java.util.Comparator.comparing(JsonNode::toString));
        if (refs.isArray()) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) refs).removeAll().addAll(sorted);
        }
      }
      String text = EngineClient.JSON.writeValueAsString(spec).replace(stack, "STACK");
      JsonNode normalised = EngineClient.JSON.readTree(text);
      result.put(normalised.path("Name").asText().substring("STACK_".length()), normalised);
    }
    return result;
  }
}
