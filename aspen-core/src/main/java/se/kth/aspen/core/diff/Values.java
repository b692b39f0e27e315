package se.kth.aspen.core.diff;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.kth.aspen.core.compose.PortSpec;
import se.kth.aspen.core.compose.ResourcesSpec;
import se.kth.aspen.core.compose.VolumeMount;

/**
 * A field's value as one short line: the same value always reads the same, so that a re-run of
 * the comparison prints the same text. Empty values (an absent option, an empty list) read as
 * absent, so that writing {@code labels: {}} is no change.
 */
final class Values {

  private Values() {}

  static Optional<String> of(Object value) {
    String text = text(value);
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private static String text(Object value) {
    return switch (value) {
      case null -> "";
      case Optional<?> o -> o.map(Values::text).orElse("");
      case PortSpec p -> p.published().map(n -> n + ":").orElse("") + p.target() + "/" + p.protocol()
          + (p.mode().equals("ingress") ? "" : " (" + p.mode() + ")");
      case VolumeMount m -> (m.type().equals("volume") ? "" : m.type() + " ") + m.source().map(s -> s + ":").orElse("")
          + m.target() + (m.readOnly() ? ":ro" : "") + (m.options().isEmpty() ? "" : " " + text(m.options()));
      case ResourcesSpec.ResourceValues r -> resources(r);
      case Duration d -> d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
      case Collection<?> c -> {
        List<String> parts = new ArrayList<>();
        for (Object item : c) {
          String t = text(item);
          if (!t.isEmpty()) {
            parts.add(t);
          }
        }
        yield String.join(", ", parts);
      }
      case Map<?, ?> m -> {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(stringKeys(m)).forEach((k, v) -> {
          String t = text(v);
          parts.add(t.isEmpty() ? k : k + "=" + t);
        });
        yield String.join(", ", parts);
      }
      case Record r -> record(r);
      default -> String.valueOf(value);
    };
  }

  /** As Compose writes them: {@code cpus=0.5 memory=100M}. */
  private static String resources(ResourcesSpec.ResourceValues r) {
    List<String> parts = new ArrayList<>();
    r.nanoCpus().ifPresent(n -> parts.add("cpus=" + java.math.BigDecimal.valueOf(n, 9).stripTrailingZeros().toPlainString()));
    r.memoryBytes().ifPresent(b -> parts.add("memory=" + bytes(b)));
    r.pids().ifPresent(p -> parts.add("pids=" + p));
    return String.join(" ", parts);
  }

  private static String bytes(long b) {
    String[] units = {"", "K", "M", "G", "T"};
    int unit = 0;
    long value = b;
    while (unit < units.length - 1 && value != 0 && value % 1024 == 0) {
      value /= 1024;
      unit++;
    }
    return value + units[unit];
  }

  /** A text value in double quotes, so that spaces and an empty value stay visible. */
  static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /** {@code limits=(memoryBytes=268435456), ...}: the components that hold something, by name. */
  private static String record(Record r) {
    List<String> parts = new ArrayList<>();
    for (RecordComponent component : r.getClass().getRecordComponents()) {
      Object v;
      try {
        v = component.getAccessor().invoke(r);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component + " of " + r.getClass().getSimpleName(), e);
      }
      String t = text(v);
      if (!t.isEmpty()) {
        boolean nested = v instanceof Record || (v instanceof Optional<?> o && o.orElse(null) instanceof Record);
        parts.add(component.getName() + "=" + (nested || t.contains(", ") ? "(" + t + ")" : t));
      }
    }
    return String.join(" ", parts);
  }
}
