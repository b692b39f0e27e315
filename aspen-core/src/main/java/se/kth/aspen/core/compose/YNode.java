package se.kth.aspen.core.compose;

import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The raw tree of a stack file: what the YAML says, with aliases and merge keys resolved and the
 * 1-based line of every node kept, before any interpolation. Scalars keep their text exactly;
 * what a text means (a number, a duration) is decided later, after interpolation, as Compose does.
 */
sealed interface YNode permits YNode.Scalar, YNode.Mapping, YNode.Sequence {

  int line();

  /** A short name for messages: "a mapping", "a list", "a string". */
  String kind();

  /**
   * @param text the scalar's text, {@code null} for a YAML null ({@code ~}, {@code null} or
   *     nothing)
   * @param plain written without quotes
   */
  record Scalar(String text, boolean plain, int line) implements YNode {
    boolean isNull() {
      return text == null;
    }

    @Override
    public String kind() {
      return text == null ? "null" : "a string";
    }
  }

  /**
   * @param entries by key, in file order
   * @param keyLines the line of each key
   */
  record Mapping(SequencedMap<String, YNode> entries, Map<String, Integer> keyLines, int line) implements YNode {
    YNode get(String key) {
      return entries.get(key);
    }

    int keyLine(String key) {
      return keyLines.getOrDefault(key, line);
    }

    @Override
    public String kind() {
      return "a mapping";
    }
  }

  record Sequence(List<YNode> items, int line) implements YNode {
    @Override
    public String kind() {
      return "a list";
    }
  }
}
