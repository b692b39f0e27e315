package se.kth.aspen.runner.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import se.kth.aspen.core.diff.FieldChange;
import se.kth.aspen.core.diff.RegistryDiff;
import se.kth.aspen.core.diff.ServiceChange;
import se.kth.aspen.core.diff.TargetChange;

/**
 * {@code plan --diff --format json}: {@code base}, {@code head}, {@code summary}, and
 * {@code targets}, each with its change, files, top-level and per-service field changes
 * ({@code field}, {@code before}, {@code after}, either absent when that side has none), the
 * waves its services would be deployed in ({@code order}: {@code [["migrate"], ["web"]]}, empty
 * when none waits for another), the warnings its deploy would give, and the problems that would
 * stop it.
 */
public final class DiffJson {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DiffJson() {}

  public static String text(RegistryDiff diff) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("base", diff.base());
    root.put("head", diff.head());
    root.put("summary", DiffSummary.line(diff));
    root.put("wouldFail", diff.failing() > 0);
    ArrayNode targets = root.putArray("targets");
    for (TargetChange target : diff.targets()) {
      ObjectNode node = targets.addObject();
      node.put("application", target.application());
      node.put("cluster", target.cluster());
      node.put("path", target.stackPath());
      node.put("change", target.change().name());
      strings(node, "files", target.files());
      fields(node.putArray("stack"), target.stack());
      ArrayNode services = node.putArray("services");
      for (ServiceChange service : target.services()) {
        ObjectNode s = services.addObject();
        s.put("service", service.service());
        s.put("change", service.change().name());
        fields(s.putArray("fields"), service.fields());
      }
      ArrayNode waves = node.putArray("order");
      target.order().ifPresent(order -> order.waves().forEach(wave -> wave.forEach(waves.addArray()::add)));
      strings(node, "warnings", target.warnings());
      strings(node, "problems", target.problems());
    }
    strings(root, "problems", diff.problems());
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings did not serialise", e);
    }
  }

  private static void fields(ArrayNode array, List<FieldChange> fields) {
    for (FieldChange field : fields) {
      ObjectNode f = array.addObject();
      f.put("field", field.field());
      field.before().ifPresent(v -> f.put("before", v));
      field.after().ifPresent(v -> f.put("after", v));
    }
  }

  private static void strings(ObjectNode node, String name, List<String> values) {
    ArrayNode array = node.putArray(name);
    values.forEach(array::add);
  }
}
