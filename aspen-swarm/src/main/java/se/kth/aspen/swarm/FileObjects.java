package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.kth.aspen.core.compose.FileObjectSpec;
import se.kth.aspen.core.compose.FileReference;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.UnreachableException;

/**
 * A stack's top-level secrets or configs: file-based ones are created, or updated with the full
 * spec, which the engine accepts only when the data is unchanged; external ones must exist. Then
 * service references point at their IDs.
 *
 * <p>With rotation on, a file-based object is named by its content ({@code <stack>_<key>_<16
 * hex>}) and labelled with the name the CLI would give it: changed content is a new object the
 * services are updated to, since Swarm objects cannot change, and unchanged content keeps the
 * name, so nothing restarts. {@link SupersededObjects} removes the earlier ones.
 */
final class FileObjects {

  /** Secrets or configs: their route and the field names of a service reference. */
  enum Kind {
    SECRET("secrets", "secret", "SecretID", "SecretName"),
    CONFIG("configs", "config", "ConfigID", "ConfigName");

    final String route;
    final String noun;
    final String idField;
    final String nameField;

    Kind(String route, String noun, String idField, String nameField) {
      this.route = route;
      this.noun = noun;
      this.idField = idField;
      this.nameField = nameField;
    }
  }

  private final EngineClient engine;
  private final StackNames names;
  private final Map<String, Secret> contents;
  private final Kind kind;
  private final boolean rotate;
  private final Map<String, String> idsByKey = new HashMap<>();
  private final Map<String, String> namesByKey = new HashMap<>();

  /** @param contents the content of each file-based object of this kind, by its key, as the request carries it */
  FileObjects(EngineClient engine, StackNames names, Map<String, Secret> contents, Kind kind, boolean rotate) {
    this.rotate = rotate;
    this.engine = engine;
    this.names = names;
    this.contents = contents;
    this.kind = kind;
  }

  void apply(StackModel model, DeployProgress progress) throws UnreachableException, RefusedException {
    Map<String, FileObjectSpec> objects = kind == Kind.SECRET ? model.secrets() : model.configs();
    for (Map.Entry<String, FileObjectSpec> entry : new TreeMap<>(objects).entrySet()) {
      String key = entry.getKey();
      FileObjectSpec spec = entry.getValue();
      String cliName = names.object(key, spec.name(), spec.external());
      if (spec.external()) {
        namesByKey.put(key, cliName);
        JsonNode found = find(cliName).orElseThrow(() -> new RefusedException(
            kind.noun + " \"" + cliName + "\" is declared as external, but could not be found"));
        idsByKey.put(key, found.path("ID").asText());
        continue;
      }
      if (spec.file().isEmpty()) {
        throw new RefusedException(model.file() + ": " + kind.noun + " " + key + " has neither file nor external: true");
      }
      byte[] data = contents.get(key).bytes();
      Map<String, String> labels = new TreeMap<>(spec.labels());
      String name = cliName;
      if (rotate) {
        labels.put(SupersededObjects.LOGICAL_NAME_LABEL, cliName);
        // The templating driver is part of an object that cannot change, so it is part of the name too.
        name = ContentNames.of(cliName, kind.noun + "\0" + spec.templateDriver().orElse(""), data);
      }
      namesByKey.put(key, name);
      ObjectNode body = SpecValues.NODES.objectNode();
      body.put("Name", name);
      body.set("Labels", SpecValues.labels(labels, names.stack()));
      body.put("Data", Base64.getEncoder().encodeToString(data));
      spec.templateDriver().ifPresent(d -> body.putObject("Templating").put("Name", d));
      idsByKey.put(key, createOrUpdate(name, body, progress));
    }
  }

  /** Creates the object unless one of that name exists; returns its ID. Used for vaulted bind files too. */
  String ensure(String name, ObjectNode body, DeployProgress progress) throws UnreachableException, RefusedException {
    Optional<JsonNode> existing = find(name);
    if (existing.isPresent()) {
      return existing.get().path("ID").asText();
    }
    JsonNode created = engine.post("/" + kind.route + "/create", body, Map.of(), "creating " + kind.noun + " " + name);
    progress.applied(kind.noun + " " + name + " created");
    return created.path("ID").asText();
  }

  private String createOrUpdate(String name, ObjectNode body, DeployProgress progress)
      throws UnreachableException, RefusedException {
    Optional<JsonNode> existing = find(name);
    if (existing.isEmpty()) {
      JsonNode created = engine.post("/" + kind.route + "/create", body, Map.of(), "creating " + kind.noun + " " + name);
      progress.applied(kind.noun + " " + name + " created");
      return created.path("ID").asText();
    }
    String id = existing.get().path("ID").asText();
    long version = existing.get().path("Version").path("Index").asLong();
    try {
      engine.post("/" + kind.route + "/" + id + "/update?version=" + version, body, Map.of(), "updating " + kind.noun + " " + name);
    } catch (RefusedException e) {
      if (e.getMessage().contains("only updates to Labels are allowed")) {
        throw new RefusedException("failed to update " + kind.noun + " " + name + ": its content changed, and Swarm "
            + kind.noun + "s cannot change; give the new content a new name (e.g. " + name + "_v2) or remove the stack's "
            + kind.noun + " first", e);
      }
      throw e;
    }
    return id;
  }

  private Optional<JsonNode> find(String name) throws UnreachableException, RefusedException {
    return engine.find("/" + kind.route + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8),
        "looking up " + kind.noun + " " + name);
  }

  /** A service's references, sorted by object name, as the CLI sends them. */
  List<ObjectNode> references(ServiceSpec service) throws RefusedException {
    List<FileReference> refs = kind == Kind.SECRET ? service.secrets() : service.configs();
    List<ObjectNode> result = new ArrayList<>();
    for (FileReference ref : refs) {
      String id = idsByKey.get(ref.source());
      if (id == null) {
        throw new RefusedException("service " + service.name() + " uses " + kind.noun + " \"" + ref.source()
            + "\", which is not declared under " + kind.route);
      }
      result.add(reference(ref.target().orElse(ref.source()), ref.uid().orElse("0"), ref.gid().orElse("0"),
          ref.mode().orElse(0444), id, namesByKey.get(ref.source())));
    }
    // The CLI sorts by name only and leaves several references to one object in random order;
    // the target breaks the tie here so that an unchanged file gives an unchanged spec.
    result.sort(Comparator.comparing((ObjectNode n) -> n.path(kind.nameField).asText())
        .thenComparing(n -> n.path("File").path("Name").asText()));
    return result;
  }

  ObjectNode reference(String target, String uid, String gid, int mode, String id, String name) {
    ObjectNode node = SpecValues.NODES.objectNode();
    node.putObject("File").put("Name", target).put("UID", uid).put("GID", gid).put("Mode", mode);
    node.put(kind.idField, id);
    node.put(kind.nameField, name);
    return node;
  }
}
