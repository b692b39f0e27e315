package se.kth.aspen.swarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What Aspen records of a service spec it sends, to compare with the spec the engine holds
 * later: field by field, each value in a form the engine keeps as sent (absent, empty and false
 * values dropped, keys sorted), and digested where it is long or may be secret. Environment
 * values are kept as digests only, so the record, which is a label anyone with access to the
 * engine can read, holds no more than the spec itself shows, and a drift report never shows a
 * value.
 */
final class SpecRecord {

  /** The management group that deployed the service. */
  static final String MANAGED_BY_LABEL = "se.kth.aspen.managed-by";
  /** The name of the cluster it was deployed to. */
  static final String CLUSTER_LABEL = "se.kth.aspen.cluster";
  /** The desired state it was deployed from. */
  static final String FINGERPRINT_LABEL = "se.kth.aspen.fingerprint";
  /** The stack file's services at that deploy, comma-separated. */
  static final String SERVICES_LABEL = "se.kth.aspen.services";
  /** This record, as JSON. */
  static final String RECORD_LABEL = "se.kth.aspen.spec";

  private static final Set<String> OWN_LABELS = Set.of(MANAGED_BY_LABEL, CLUSTER_LABEL, FINGERPRINT_LABEL, SERVICES_LABEL, RECORD_LABEL,
      SentSpec.DIGEST_LABEL);

  private SpecRecord() {}

  /** The record of a service spec ({@code Spec} of {@code GET /services/ID}, or the body Aspen sends). */
  static TreeMap<String, String> of(JsonNode spec) {
    TreeMap<String, String> fields = new TreeMap<>();
    JsonNode task = spec.path("TaskTemplate");
    JsonNode container = task.path("ContainerSpec");
    put(fields, "image", container.path("Image").asText(""));
    JsonNode mode = spec.path("Mode");
    fields.put("replicas", mode.has("Global") ? "global" : mode.has("GlobalJob") ? "global-job"
        : mode.has("ReplicatedJob") ? "job:" + mode.path("ReplicatedJob").path("TotalCompletions").asText("1")
        : mode.path("Replicated").path("Replicas").asText("1"));
    for (JsonNode entry : container.path("Env")) {
      String text = entry.asText();
      int equals = text.indexOf('=');
      fields.put("env." + (equals < 0 ? text : text.substring(0, equals)), equals < 0 ? "(bare)" : digest(text.substring(equals + 1)));
    }
    spec.path("Labels").fields().forEachRemaining(e -> {
      if (!OWN_LABELS.contains(e.getKey())) {
        fields.put("labels." + e.getKey(), e.getValue().asText());
      }
    });
    container.path("Labels").fields().forEachRemaining(e -> fields.put("container-labels." + e.getKey(), e.getValue().asText()));
    putDigest(fields, "command", container.path("Command"));
    putDigest(fields, "args", container.path("Args"));
    putDigest(fields, "mounts", container.path("Mounts"));
    putDigest(fields, "secrets", references(container.path("Secrets"), "SecretName"));
    putDigest(fields, "configs", references(container.path("Configs"), "ConfigName"));
    putDigest(fields, "ports", ports(spec.path("EndpointSpec").path("Ports")));
    putDigest(fields, "networks", networks(task.path("Networks")));
    putDigest(fields, "resources", task.path("Resources"));
    putDigest(fields, "constraints", task.path("Placement").path("Constraints"));
    putDigest(fields, "healthcheck", container.path("Healthcheck"));
    put(fields, "user", container.path("User").asText(""));
    put(fields, "workdir", container.path("Dir").asText(""));
    put(fields, "hostname", container.path("Hostname").asText(""));
    return fields;
  }

  /** The record as label text. */
  static String text(Map<String, String> record) {
    try {
      return EngineClient.JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A record read back from its label; empty when it is missing or not one. */
  static Optional<TreeMap<String, String>> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode node = EngineClient.JSON.readTree(text);
      if (!node.isObject()) {
        return Optional.empty();
      }
      TreeMap<String, String> record = new TreeMap<>();
      node.fields().forEachRemaining(e -> record.put(e.getKey(), e.getValue().asText()));
      return Optional.of(record);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** References by name and target only: the IDs change with every object of a rotated name anyway. */
  private static JsonNode references(JsonNode refs, String nameField) {
    ArrayNode out = SpecValues.NODES.arrayNode();
    List<String> sorted = new ArrayList<>();
    refs.forEach(r -> sorted.add(r.path(nameField).asText() + ">" + r.path("File").path("Name").asText()
        + ":" + r.path("File").path("UID").asText() + ":" + r.path("File").path("GID").asText()
        + ":" + r.path("File").path("Mode").asText()));
    sorted.stream().sorted().forEach(out::add);
    return out;
  }

  /**
   * Attachments by their aliases only: Aspen names the networks, the engine stores their IDs
   * instead, and telling one from the other would cost a call per network.
   */
  private static JsonNode networks(JsonNode networks) {
    ArrayNode out = SpecValues.NODES.arrayNode();
    List<String> sorted = new ArrayList<>();
    networks.forEach(n -> {
      List<String> aliases = new ArrayList<>();
      n.path("Aliases").forEach(a -> aliases.add(a.asText()));
      aliases.sort(null);
      sorted.add(String.join(",", aliases) + ";");
    });
    sorted.stream().sorted().forEach(out::add);
    return out;
  }

  /** The engine fills the defaults of a port (tcp, ingress) when they are left out. */
  private static JsonNode ports(JsonNode ports) {
    ArrayNode out = SpecValues.NODES.arrayNode();
    for (JsonNode port : ports) {
      ObjectNode copy = port.deepCopy();
      if (copy.path("Protocol").asText("").equals("tcp")) {
        copy.remove("Protocol");
      }
      if (copy.path("PublishMode").asText("").equals("ingress")) {
        copy.remove("PublishMode");
      }
      out.add(copy);
    }
    return out;
  }

  private static void put(Map<String, String> fields, String field, String value) {
    if (!value.isEmpty()) {
      fields.put(field, value);
    }
  }

  private static void putDigest(Map<String, String> fields, String field, JsonNode value) {
    JsonNode canonical = canonical(value);
    if (canonical != null) {
      try {
        fields.put(field, digest(EngineClient.JSON.writeValueAsString(canonical)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Keys sorted; nulls, false, empty text, empty objects and arrays dropped; null when nothing is left. */
  static JsonNode canonical(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isObject()) {
      ObjectNode out = SpecValues.NODES.objectNode();
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode value = canonical(e.getValue());
        if (value != null) {
          sorted.put(e.getKey(), value);
        }
      }
      sorted.forEach(out::set);
      return out.isEmpty() ? null : out;
    }
    if (node.isArray()) {
      ArrayNode out = SpecValues.NODES.arrayNode();
      node.forEach(e -> {
        JsonNode value = canonical(e);
        if (value != null) {
          out.add(value);
        }
      });
      return out.isEmpty() ? null : out;
    }
    if (node.isBoolean() && !node.asBoolean() || node.isTextual() && node.asText().isEmpty()) {
      return null;
    }
    return node;
  }

  static String digest(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
