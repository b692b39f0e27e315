package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;

/**
 * Updates one existing service with a new spec. The engine accepts an update only for the
 * service's current version; the version a deploy read at its start can be behind by the time
 * the update is sent, without anyone else touching the spec: right after a service is created,
 * the swarm's allocator writes its endpoint into the service object, which moves the version on.
 * The engine then answers "update out of sequence". The spec Aspen sends is complete (it does not
 * merge with what runs), so reading the current version again and sending the same spec is safe;
 * that is done a few times before the refusal is passed on.
 */
final class ServiceUpdate {

  static final int ATTEMPTS = 3;
  private static final String OUT_OF_SEQUENCE = "update out of sequence";

  private final EngineClient engine;

  ServiceUpdate(EngineClient engine) {
    this.engine = engine;
  }

  /**
   * Sends {@code spec} as the new spec of {@code current} (a service as the engine lists it),
   * and returns the engine's answer.
   */
  JsonNode apply(JsonNode current, ObjectNode spec, Map<String, String> headers, String name) throws PortException {
    String id = current.path("ID").asText();
    long version = current.path("Version").path("Index").asLong();
    String doing = "updating service " + name;
    for (int attempt = 1; ; attempt++) {
      try {
        return engine.post("/services/" + id + "/update?version=" + version, spec, headers, doing);
      } catch (RefusedException e) {
        if (attempt == ATTEMPTS || e.getMessage() == null || !e.getMessage().contains(OUT_OF_SEQUENCE)) {
          throw e;
        }
        version = engine.get("/services/" + id, "reading service " + name).path("Version").path("Index").asLong();
      }
    }
  }
}
