package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Small JSON writers shared by the converters: absent values are left out, as Go's omitempty does. */
final class SpecValues {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SpecValues() {}

  static void putString(ObjectNode node, String field, Optional<String> value) {
    value.ifPresent(v -> node.put(field, v));
  }

  static void putNanos(ObjectNode node, String field, Optional<Duration> value) {
    value.ifPresent(v -> node.put(field, v.toNanos()));
  }

  static void putBoolean(ObjectNode node, String field, Optional<Boolean> value) {
    value.filter(Boolean::booleanValue).ifPresent(v -> node.put(field, true));
  }

  static void putStrings(ObjectNode node, String field, Collection<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = node.putArray(field);
      values.forEach(array::add);
    }
  }

  static void putMap(ObjectNode node, String field, Map<String, String> values) {
    if (!values.isEmpty()) {
      node.set(field, map(values));
    }
  }

  static ObjectNode map(Map<String, String> values) {
    ObjectNode object = NODES.objectNode();
    new TreeMap<>(values).forEach(object::put);
    return object;
  }

  /** Labels plus the stack's namespace label. */
  static ObjectNode labels(Map<String, String> labels, String stack) {
    TreeMap<String, String> all = new TreeMap<>(labels);
    all.put(StackNames.NAMESPACE_LABEL, stack);
    return map(all);
  }
}
