package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import se.kth.aspen.core.port.PortException;

/**
 * Removes a stack's content-named secrets and configs that none of its services uses any more.
 *
 * <p>It runs once the stack converged, not right after the deploy: until then a rollback (Swarm's
 * own, or Aspen's) may put a service back on its previous spec, which names the earlier object.
 * Only objects Aspen named by content (those with {@link #LOGICAL_NAME_LABEL}) are candidates;
 * what the CLI's names designate, and every other stack's objects, stay.
 */
final class SupersededObjects {

  /** On a content-named object: the name {@code docker stack deploy} would have given it. */
  static final String LOGICAL_NAME_LABEL = "se.kth.aspen.logical-name";

  private SupersededObjects() {}

  /** Removes what no service of {@code services} (the stack's, as just listed) refers to; failures wait for the next time. */
  static void removeUnused(EngineClient engine, StackNames names, List<JsonNode> services) {
    remove(engine, names, services, FileObjects.Kind.SECRET, "Secrets");
    remove(engine, names, services, FileObjects.Kind.CONFIG, "Configs");
  }

  private static void remove(EngineClient engine, StackNames names, List<JsonNode> services, FileObjects.Kind kind,
      String field) {
    Set<String> used = new HashSet<>();
    for (JsonNode service : services) {
      service.path("Spec").path("TaskTemplate").path("ContainerSpec").path(field)
          .forEach(ref -> used.add(ref.path(kind.idField).asText()));
    }
    String filter = new LabelFilter().is(StackNames.NAMESPACE_LABEL, names.stack()).has(LOGICAL_NAME_LABEL).encoded();
    try {
      for (JsonNode object : engine.get("/" + kind.route + "?filters=" + filter,
          "listing the content-named " + kind.route + " of " + names.stack())) {
        String id = object.path("ID").asText();
        if (!used.contains(id)) {
          try {
            engine.delete("/" + kind.route + "/" + id, "removing " + kind.noun + " " + object.path("Spec").path("Name").asText());
          } catch (PortException e) {
            // used by a service after all (one updated by hand meanwhile): it goes once it is not
          }
        }
      }
    } catch (PortException e) {
      // the stack runs; what could not be listed is removed after a later deploy
    }
  }
}
