package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** Where two JSON trees differ, as readable paths: {@code TaskTemplate.ContainerSpec.Env: [..] vs [..]}. */
final class SpecDifferences {

  private SpecDifferences() {}

  static List<String> between(JsonNode left, JsonNode right) {
    List<String> differences = new ArrayList<>();
    walk("", left, right, differences);
    return differences;
  }

  private static void walk(String path, JsonNode left, JsonNode right, List<String> out) {
    if (left == null || right == null || left.isMissingNode() || right.isMissingNode()) {
      if (!(isAbsent(left) && isAbsent(right))) {
        out.add(path + ": " + show(left) + " vs " + show(right));
      }
      return;
    }
    if (left.isObject() && right.isObject()) {
      TreeSet<String> fields = new TreeSet<>();
      left.fieldNames().forEachRemaining(fields::add);
      right.fieldNames().forEachRemaining(fields::add);
      for (String field : fields) {
        walk(path.isEmpty() ? field : path + "." + field, left.get(field), right.get(field), out);
      }
      return;
    }
    if (left.isArray() && right.isArray() && left.size() == right.size()) {
      Iterator<JsonNode> l = left.elements();
      Iterator<JsonNode> r = right.elements();
      int i = 0;
      while (l.hasNext()) {
        walk(path + "[" + i++ + "]", l.next(), r.next(), out);
      }
      return;
    }
    if (!left.equals(right)) {
      out.add(path + ": " + show(left) + " vs " + show(right));
    }
  }

  private static boolean isAbsent(JsonNode node) {
    return node == null || node.isMissingNode();
  }

  private static String show(JsonNode node) {
    return isAbsent(node) ? "(absent)" : node.toString();
  }
}
