package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;

/**
 * Whole-stack rollback: puts services back on their {@code PreviousSpec} with the
 * engine's own server-side rollback ({@code update?rollback=previous}), as {@code docker service
 * rollback} does, with the registry credentials of the previous image.
 */
final class ServiceRollback {

  private final EngineClient engine;
  private final RegistryAuth auth;
  private final StackNames names;

  ServiceRollback(EngineClient engine, RegistryAuth auth, StackNames names) {
    this.engine = engine;
    this.auth = auth;
    this.names = names;
  }

  /** The services rolled back; one without a previous spec has nothing to go back to and is skipped. */
  List<String> rollBack(List<String> services) throws PortException {
    List<String> done = new ArrayList<>();
    for (String key : services) {
      String name = names.scoped(key);
      Optional<JsonNode> service = engine.find("/services/" + name, "looking up service " + name + " to roll it back");
      if (service.isEmpty() || !service.get().has("PreviousSpec")) {
        continue;
      }
      JsonNode previous = service.get().get("PreviousSpec");
      String id = service.get().path("ID").asText();
      long version = service.get().path("Version").path("Index").asLong();
      Map<String, String> headers = Map.of();
      try {
        headers = auth.headersFor(ImageReference.parse(previous.path("TaskTemplate").path("ContainerSpec").path("Image").asText()));
      } catch (IllegalArgumentException e) {
        // an image the engine accepted but we cannot parse: roll back without credentials
      }
      try {
        engine.post("/services/" + id + "/update?version=" + version + "&rollback=previous", previous, headers,
            "rolling back service " + name);
      } catch (RefusedException e) {
        throw new RefusedException(e.getMessage() + (done.isEmpty() ? "" : " (already rolled back: " + String.join(", ", done) + ")"), e);
      }
      done.add(key);
    }
    return done;
  }
}
