package se.kth.aspen.core.compose;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.Function;

/**
 * One mapping of the stack file at a known path, read key by key: every value is interpolated
 * when read and then cast to its type, so errors name the path, the line and the service.
 */
final class Block {

  final ReadContext context;
  final YNode.Mapping mapping;
  final String path;

  Block(ReadContext context, YNode.Mapping mapping, String path) {
    this.context = context;
    this.mapping = mapping;
    this.path = path;
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    YNode node = mapping.get(key);
    return node != null && !(node instanceof YNode.Scalar s && s.isNull());
  }

  int line() {
    return mapping.line();
  }

  int line(String key) {
    return mapping.keyLine(key);
  }

  /** Checks that every key is one of {@code known} and records the line of each. */
  void allowOnly(Set<String> known) throws StackFileException {
    for (String key : mapping.entries().keySet()) {
      context.lines.put(child(key), line(key));
      if (!known.contains(key) && !key.startsWith("x-")) {
        throw context.error(path, line(key), "unknown key \"" + key + "\" in " + ReadContext.shown(path)
            + " (allowed: " + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }

  Optional<String> string(String key) throws StackFileException {
    YNode node = mapping.get(key);
    return node == null ? Optional.empty() : context.optText(node, child(key));
  }

  Optional<Integer> integer(String key) throws StackFileException {
    return converted(key, "a whole number", text -> Integer.parseInt(text.strip()));
  }

  Optional<Integer> count(String key) throws StackFileException {
    Optional<Integer> value = integer(key);
    if (value.isPresent() && value.get() < 0) {
      throw context.invalid(child(key), line(key), "must not be negative, got " + value.get());
    }
    return value;
  }

  Optional<Long> longNumber(String key) throws StackFileException {
    return converted(key, "a whole number", text -> Long.parseLong(text.strip()));
  }

  Optional<Double> decimal(String key) throws StackFileException {
    return converted(key, "a number", text -> Double.parseDouble(text.strip()));
  }

  Optional<Boolean> bool(String key) throws StackFileException {
    return converted(key, "true or false", Block::parseBoolean);
  }

  Optional<Duration> duration(String key) throws StackFileException {
    return converted(key, null, Units::duration);
  }

  /** Reads and converts; {@code expected} names the type when the conversion gives no reason. */
  <T> Optional<T> converted(String key, String expected, Function<String, T> conversion) throws StackFileException {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(conversion.apply(text.get()));
    } catch (IllegalArgumentException | ArithmeticException e) {
      String problem = expected != null ? "must be " + expected : e.getMessage();
      throw context.invalid(child(key), line(key), problem + ", got \"" + text.get() + "\"");
    }
  }

  static boolean parseBoolean(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "y" -> true;
      case "false", "no", "off", "n" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  Optional<Block> block(String key) throws StackFileException {
    YNode node = mapping.get(key);
    if (node == null || node instanceof YNode.Scalar s && s.isNull()) {
      return Optional.empty();
    }
    if (node instanceof YNode.Mapping m) {
      return Optional.of(new Block(context, m, child(key)));
    }
    throw context.invalid(child(key), node.line(), "must be a mapping, got " + node.kind());
  }

  /** A list of strings, or one string standing for a list of one. */
  List<String> strings(String key) throws StackFileException {
    YNode node = mapping.get(key);
    if (node == null) {
      return List.of();
    }
    if (node instanceof YNode.Sequence seq) {
      List<String> out = new ArrayList<>(seq.items().size());
      for (YNode item : seq.items()) {
        out.add(context.text(item, child(key)));
      }
      return out;
    }
    return context.optText(node, child(key)).map(List::of).orElse(List.of());
  }

  /** A list of items, for keys whose items have their own forms (ports, volumes...). */
  List<YNode> items(String key) throws StackFileException {
    YNode node = mapping.get(key);
    if (node == null || node instanceof YNode.Scalar s && s.isNull()) {
      return List.of();
    }
    if (node instanceof YNode.Sequence seq) {
      return seq.items();
    }
    throw context.invalid(child(key), node.line(), "must be a list, got " + node.kind());
  }

  /** A map of strings written as a mapping or as a list of {@code name=value} (labels, sysctls). */
  Map<String, String> stringMap(String key) throws StackFileException {
    Map<String, String> out = new LinkedHashMap<>();
    nameValues(key).forEach((name, value) -> out.put(name, value.orElse("")));
    return out;
  }

  /**
   * A mapping, or a list of {@code NAME=value} / {@code NAME}; a name without a value maps to
   * empty (environment: the name is taken from elsewhere or dropped).
   */
  SequencedMap<String, Optional<String>> nameValues(String key) throws StackFileException {
    YNode node = mapping.get(key);
    SequencedMap<String, Optional<String>> out = new LinkedHashMap<>();
    if (node == null || node instanceof YNode.Scalar s && s.isNull()) {
      return out;
    }
    String at = child(key);
    if (node instanceof YNode.Mapping m) {
      for (Map.Entry<String, YNode> e : m.entries().entrySet()) {
        out.put(e.getKey(), context.optText(e.getValue(), at + "." + e.getKey()));
        context.lines.put(at + "." + e.getKey(), m.keyLine(e.getKey()));
      }
      return out;
    }
    if (node instanceof YNode.Sequence seq) {
      for (YNode item : seq.items()) {
        String text = context.text(item, at + ".[]");
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        if (name.isEmpty()) {
          throw context.invalid(at, item.line(), "has an entry without a name: \"" + text + "\"");
        }
        out.put(name, eq < 0 ? Optional.empty() : Optional.of(text.substring(eq + 1)));
        context.lines.put(at + "." + name, item.line());
      }
      return out;
    }
    throw context.invalid(at, node.line(), "must be a mapping or a list of NAME=value, got " + node.kind());
  }
}
