package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * {@code docker stack rm}: the stack's services, then its secrets, configs and networks. A
 * network whose containers are still stopping cannot go yet; it is left, as the CLI leaves it,
 * and holds nothing.
 */
final class StackRemoval {

  private StackRemoval() {}

  /** @return the services removed */
  static List<String> remove(EngineClient engine, StackNames names) throws PortException {
    String filter = "?filters=" + names.labelFilter();
    List<String> removed = new java.util.ArrayList<>();
    for (JsonNode service : engine.get("/services" + filter, "listing the services of stack " + names.stack())) {
      String name = service.path("Spec").path("Name").asText();
      engine.delete("/services/" + service.path("ID").asText(), "removing service " + name);
      removed.add(name);
    }
    for (String kind : List.of("secrets", "configs")) {
      for (JsonNode object : engine.get("/" + kind + filter, "listing the " + kind + " of stack " + names.stack())) {
        quietly(engine, "/" + kind + "/" + object.path("ID").asText(), "removing " + object.path("Spec").path("Name").asText());
      }
    }
    for (JsonNode network : engine.get("/networks" + filter, "listing the networks of stack " + names.stack())) {
      quietly(engine, "/networks/" + network.path("Id").asText(), "removing network " + network.path("Name").asText());
    }
    return removed;
  }

  private static void quietly(EngineClient engine, String path, String doing) throws UnreachableException {
    try {
      engine.delete(path, doing);
    } catch (RefusedException e) {
      // still in use by a stopping task: nothing the stack needs any more
    }
  }
}
