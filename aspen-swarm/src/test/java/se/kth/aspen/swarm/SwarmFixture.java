package se.kth.aspen.swarm;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import se.kth.aspen.core.port.ClusterEndpoint;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.testenv.TestEnvironment;

/**
 * The shared test swarm, read and cleaned through the raw engine API: lists a stack's objects
 * and removes everything a test created (services first, then, once their containers are gone, volumes,
 * networks, secrets and configs). Registered as a test's extension, it also owns the test's
 * orchestrator and cleans up after each test.
 */
final class SwarmFixture implements AutoCloseable, AfterEachCallback {

  final EngineClients clients = new EngineClients(SwarmSettings.defaults());
  final EngineClient engine;
  private final List<String> stacks = new ArrayList<>();
  private SwarmOrchestrator orchestrator;

  SwarmFixture() {
    try {
      engine = clients.of(ClusterEndpoint.parse(TestEnvironment.get().dockerHost()));
    } catch (PortException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An orchestrator with the tests' settings, closed with the fixture. */
  SwarmOrchestrator orchestrator() {
    return orchestrator(Stacks.settings());
  }

  /** The test's orchestrator with other settings; the first call decides them. */
  SwarmOrchestrator orchestrator(SwarmSettings settings) {
    if (orchestrator == null) {
      orchestrator = new SwarmOrchestrator(settings);
    }
    return orchestrator;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  /** A unique stack name, removed by {@link #close()}. */
  String stack(String purpose) {
    String name = Stacks.uniqueName(purpose);
    stacks.add(name);
    return name;
  }

  JsonNode get(String path) {
    try {
      return engine.get(path, "test read " + path);
    } catch (PortException e) {
      throw new IllegalStateException(e);
    }
  }

  JsonNode service(String stack, String key) {
    return get("/services/" + stack + "_" + key);
  }

  List<JsonNode> tasks(String stack, String key) {
    List<JsonNode> list = new ArrayList<>();
    String serviceId = service(stack, key).path("ID").asText();
    get("/tasks?filters=" + new StackNames(stack).labelFilter()).forEach(t -> {
      if (t.path("ServiceID").asText().equals(serviceId)) {
        list.add(t);
      }
    });
    return list;
  }

  List<String> runningTaskIds(String stack, String key) {
    return tasks(stack, key).stream()
        .filter(t -> t.path("Status").path("State").asText().equals("running"))
        .map(t -> t.path("ID").asText()).sorted().toList();
  }

  String runningContainer(String stack, String key) {
    return tasks(stack, key).stream()
        .filter(t -> t.path("Status").path("State").asText().equals("running"))
        .map(t -> t.path("Status").path("ContainerStatus").path("ContainerID").asText())
        .findFirst().orElseThrow(() -> new AssertionError("no running task of " + stack + "_" + key));
  }

  /** Removes the stack's services at once, without waiting for their containers. */
  void removeServices(String stack) {
    try {
      for (JsonNode service : get("/services?filters=" + new StackNames(stack).labelFilter())) {
        engine.delete("/services/" + service.path("ID").asText(), "test cleanup");
      }
    } catch (PortException e) {
      throw new IllegalStateException(e);
    }
  }

  void remove(String stack) {
    String filter = new StackNames(stack).labelFilter();
    try {
      for (JsonNode service : get("/services?filters=" + filter)) {
        engine.delete("/services/" + service.path("ID").asText(), "test cleanup");
      }
      // The engine leaves the exited containers of a removed job service behind: those go by hand.
      await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
        for (JsonNode container : get("/containers/json?all=1&filters=" + filter)) {
          if (container.path("State").asText().equals("exited")) {
            engine.delete("/containers/" + container.path("Id").asText() + "?force=1", "test cleanup");
          }
        }
        return get("/containers/json?all=1&filters=" + filter).isEmpty();
      });
      for (JsonNode volume : get("/volumes?filters=" + filter).path("Volumes")) {
        engine.delete("/volumes/" + volume.path("Name").asText(), "test cleanup");
      }
      for (String kind : List.of("secrets", "configs")) {
        for (JsonNode object : get("/" + kind + "?filters=" + filter)) {
          engine.delete("/" + kind + "/" + object.path("ID").asText(), "test cleanup");
        }
      }
      await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
        for (JsonNode network : get("/networks?filters=" + filter)) {
          try {
            engine.delete("/networks/" + network.path("Id").asText(), "test cleanup");
          } catch (PortException e) {
            return false;
          }
        }
        return get("/networks?filters=" + filter).isEmpty();
      });
    } catch (PortException e) {
      throw new IllegalStateException("cleaning up stack " + stack + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      for (String stack : stacks) {
        remove(stack);
      }
    } finally {
      try {
        if (orchestrator != null) {
          orchestrator.close();
        }
      } finally {
        clients.close();
      }
    }
  }
}
