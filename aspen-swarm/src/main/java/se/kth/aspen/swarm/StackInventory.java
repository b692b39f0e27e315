package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import se.kth.aspen.core.port.ClusterInventory;
import se.kth.aspen.core.port.LiveService;
import se.kth.aspen.core.port.LiveStack;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.SpecDifference;

/**
 * Every stack of a cluster from one {@code GET /services} (all services carrying the stack
 * label), each service compared field by field with the {@link SpecRecord} Aspen wrote on it.
 */
final class StackInventory {

  private static final Set<String> UPDATE_IN_PROGRESS = Set.of("updating", "rollback_started");
  private static final String OWN_PREFIX = "se.kth.aspen.";

  private StackInventory() {}

  static ClusterInventory read(EngineClient engine) throws PortException {
    String filter = new LabelFilter().has(StackNames.NAMESPACE_LABEL).encoded();
    Map<String, List<LiveService>> byStack = new TreeMap<>();
    for (JsonNode service : engine.get("/services?filters=" + filter, "listing the stacks' services")) {
      JsonNode spec = service.path("Spec");
      String stack = spec.path("Labels").path(StackNames.NAMESPACE_LABEL).asText("");
      if (!stack.isEmpty()) {
        byStack.computeIfAbsent(stack, s -> new ArrayList<>()).add(live(new StackNames(stack), service));
      }
    }
    Map<String, LiveStack> stacks = new TreeMap<>();
    byStack.forEach((name, services) -> stacks.put(name, new LiveStack(name, services)));
    return new ClusterInventory(stacks);
  }

  private static LiveService live(StackNames names, JsonNode service) {
    JsonNode spec = service.path("Spec");
    JsonNode labels = spec.path("Labels");
    String name = spec.path("Name").asText();
    String key = names.serviceKey(name).orElse(name);
    Optional<String> managedBy = text(labels, SpecRecord.MANAGED_BY_LABEL);
    Optional<TreeMap<String, String>> recorded = SpecRecord.parse(labels.path(SpecRecord.RECORD_LABEL).asText(""));
    Set<String> siblings = new TreeSet<>();
    text(labels, SpecRecord.SERVICES_LABEL).ifPresent(t -> Arrays.stream(t.split(","))
        .filter(s -> !s.isBlank()).forEach(siblings::add));
    List<SpecDifference> differences = new ArrayList<>();
    Map<String, String> settings = new TreeMap<>();
    if (managedBy.isPresent() && recorded.isPresent()) {
      differences = differences(key, recorded.get(), SpecRecord.of(spec));
      recorded.get().forEach((field, value) -> {
        for (String prefix : List.of("labels.", "container-labels.")) {
          if (field.startsWith(prefix + OWN_PREFIX)) {
            settings.put(field.substring(prefix.length()), value);
          }
        }
      });
    }
    boolean settling = UPDATE_IN_PROGRESS.contains(service.path("UpdateStatus").path("State").asText(""));
    return new LiveService(key, managedBy, text(labels, SpecRecord.CLUSTER_LABEL), text(labels, SpecRecord.FINGERPRINT_LABEL), siblings, differences, settling, settings);
  }

  /** Field by field, in field order; values that may be secret (environment) are only named. */
  static List<SpecDifference> differences(String service, Map<String, String> recorded, Map<String, String> live) {
    Set<String> fields = new TreeSet<>(recorded.keySet());
    fields.addAll(live.keySet());
    List<SpecDifference> out = new ArrayList<>();
    for (String field : fields) {
      String was = recorded.get(field);
      String now = live.get(field);
      if (was != null && was.equals(now)) {
        continue;
      }
      out.add(new SpecDifference(service, field, describe(field, was, now)));
    }
    return out;
  }

  private static String describe(String field, String was, String now) {
    int dot = field.indexOf('.');
    if (dot > 0) {
      String group = field.substring(0, dot);
      String name = field.substring(dot + 1);
      return group + " " + (was == null ? "+" : now == null ? "-" : "~") + name;
    }
    return switch (field) {
      case "image" -> "image " + shortImage(was) + "→" + shortImage(now);
      case "replicas", "user", "workdir", "hostname" -> field + " " + orNone(was) + "→" + orNone(now);
      default -> field;
    };
  }

  private static String shortImage(String image) {
    if (image == null) {
      return "(none)";
    }
    int at = image.indexOf('@');
    return at < 0 ? image : image.substring(0, at);
  }

  private static String orNone(String value) {
    return value == null ? "(none)" : value;
  }

  private static Optional<String> text(JsonNode labels, String label) {
    String value = labels.path(label).asText("");
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
