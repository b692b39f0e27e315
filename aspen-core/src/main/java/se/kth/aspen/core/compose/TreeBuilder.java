package se.kth.aspen.core.compose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Builds the {@link YNode} tree straight from SnakeYAML's parser events, with no composer, no
 * resolver and no constructor: nothing is ever instantiated from a tag (tags are ignored), and
 * scalars stay text. An alias shares the anchored subtree rather than copying it; what it would
 * cost to expand is still counted against {@link ReadLimits#maxNodes()}, so an alias bomb is
 * refused without being expanded. Duplicate keys are refused; merge keys ({@code <<}) are applied,
 * explicit keys winning.
 */
final class TreeBuilder {

  private record Anchored(YNode node, long size) {}

  private final Parser parser;
  private final ReadLimits limits;
  private final String display;
  private final Map<String, Anchored> anchors = new HashMap<>();
  private final Set<String> building = new HashSet<>();
  private long expanded;
  private int collectionAliases;

  TreeBuilder(Parser parser, ReadLimits limits, String display) {
    this.parser = parser;
    this.limits = limits;
    this.display = display;
  }

  /** The document's root node, or {@code null} when the stream holds no document. */
  YNode document() throws StackFileException {
    expect(Event.ID.StreamStart);
    if (parser.checkEvent(Event.ID.StreamEnd)) {
      return null;
    }
    expect(Event.ID.DocumentStart);
    YNode root = node(parser.getEvent(), 1);
    expect(Event.ID.DocumentEnd);
    if (!parser.checkEvent(Event.ID.StreamEnd)) {
      throw new StackFileException(display, line(parser.peekEvent()), "",
          "the file holds more than one YAML document; a stack file is one document");
    }
    return root;
  }

  private void expect(Event.ID id) throws StackFileException {
    Event event = parser.getEvent();
    if (!event.is(id)) {
      throw new StackFileException(display, line(event), "", "invalid YAML: expected " + id + ", found " + event.getEventId());
    }
  }

  private YNode node(Event event, int depth) throws StackFileException {
    int line = line(event);
    if (depth > limits.maxDepth()) {
      // Worded as SnakeYAML's composer words it, which callers already recognise.
      throw new StackFileException(display, line, "", "invalid YAML: Nesting Depth exceeded max " + limits.maxDepth()
          + " (mappings and lists nested too deeply)");
    }
    if (event instanceof AliasEvent alias) {
      return alias(alias.getAnchor(), line);
    }
    String anchor = event instanceof NodeEvent nodeEvent ? nodeEvent.getAnchor() : null;
    if (anchor != null) {
      building.add(anchor);
    }
    long before = expanded;
    count(line, 1);
    YNode node;
    if (event instanceof ScalarEvent scalar) {
      String value = scalar.getValue();
      boolean plain = scalar.isPlain();
      node = new YNode.Scalar(plain && isNull(value) ? null : value, plain, line);
    } else if (event.is(Event.ID.SequenceStart)) {
      List<YNode> items = new ArrayList<>();
      while (!parser.checkEvent(Event.ID.SequenceEnd)) {
        items.add(node(parser.getEvent(), depth + 1));
      }
      parser.getEvent();
      node = new YNode.Sequence(Collections.unmodifiableList(items), line);
    } else if (event.is(Event.ID.MappingStart)) {
      node = mapping(line, depth);
    } else {
      throw new StackFileException(display, line, "", "invalid YAML: unexpected " + event.getEventId());
    }
    if (anchor != null) {
      building.remove(anchor);
      anchors.put(anchor, new Anchored(node, expanded - before));
    }
    return node;
  }

  private YNode alias(String anchor, int line) throws StackFileException {
    if (building.contains(anchor)) {
      throw new StackFileException(display, line, "", "an alias refers to a node that contains it (*" + anchor + ")");
    }
    Anchored anchored = anchors.get(anchor);
    if (anchored == null) {
      throw new StackFileException(display, line, "", "invalid YAML: alias *" + anchor + " names no anchor before it");
    }
    if (!(anchored.node() instanceof YNode.Scalar) && ++collectionAliases > limits.maxAliases()) {
      throw new StackFileException(display, line, "",
          "the file uses more than " + limits.maxAliases() + " aliases of mappings or lists");
    }
    count(line, anchored.size());
    return anchored.node();
  }

  private void count(int line, long nodes) throws StackFileException {
    expanded += nodes;
    if (expanded > limits.maxNodes()) {
      throw new StackFileException(display, line, "",
          "the file expands to more than " + limits.maxNodes() + " YAML nodes (too many or too large aliases)");
    }
  }

  private YNode.Mapping mapping(int line, int depth) throws StackFileException {
    LinkedHashMap<String, YNode> entries = new LinkedHashMap<>();
    Map<String, Integer> keyLines = new HashMap<>();
    List<YNode> merges = new ArrayList<>();
    while (!parser.checkEvent(Event.ID.MappingEnd)) {
      Event keyEvent = parser.getEvent();
      int keyLine = line(keyEvent);
      YNode key = node(keyEvent, depth + 1);
      if (!(key instanceof YNode.Scalar keyScalar) || keyScalar.isNull()) {
        throw new StackFileException(display, keyLine, "", "a mapping key must be a string");
      }
      YNode value = node(parser.getEvent(), depth + 1);
      if (keyScalar.plain() && keyScalar.text().equals("<<")) {
        merges.add(value);
        continue;
      }
      String name = keyScalar.text();
      if (entries.containsKey(name)) {
        throw new StackFileException(display, keyLine, "",
            "duplicate key \"" + name + "\" (first on line " + keyLines.get(name) + ")");
      }
      entries.put(name, value);
      keyLines.put(name, keyLine);
    }
    parser.getEvent();
    for (YNode merge : merges) {
      List<YNode> sources = merge instanceof YNode.Sequence seq ? seq.items() : List.of(merge);
      for (YNode source : sources) {
        if (!(source instanceof YNode.Mapping merged)) {
          throw new StackFileException(display, source.line(), "", "a merge key (<<) must name a mapping");
        }
        for (Map.Entry<String, YNode> entry : merged.entries().entrySet()) {
          if (entries.putIfAbsent(entry.getKey(), entry.getValue()) == null) {
            keyLines.put(entry.getKey(), merged.keyLine(entry.getKey()));
          }
        }
      }
    }
    return new YNode.Mapping(Collections.unmodifiableSequencedMap(entries), keyLines, line);
  }

  /** The core schema's nulls, as written without quotes. */
  private static boolean isNull(String plain) {
    return switch (plain) {
      case "", "~", "null", "Null", "NULL" -> true;
      default -> false;
    };
  }

  private static int line(Event event) {
    return event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1;
  }
}
