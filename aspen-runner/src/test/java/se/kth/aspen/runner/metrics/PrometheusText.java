package se.kth.aspen.runner.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (0.0.4), for tests: every line must be a HELP,
 * a TYPE or a sample of a declared family; names, label syntax and values are checked; a
 * histogram's buckets must be cumulative and end in +Inf equal to its count.
 */
public final class PrometheusText {

  public record Sample(String name, Map<String, String> labels, double value) {}

  public record Family(String name, String type, List<Sample> samples) {}

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)( -?\\d+)?");

  private PrometheusText() {}

  public static Map<String, Family> parse(String text) {
    Map<String, Family> families = new LinkedHashMap<>();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ");
        require(parts.length == 2 && NAME.matcher(parts[0]).matches(), number, line, "bad TYPE line");
        require(List.of("counter", "gauge", "histogram", "summary", "untyped", "info", "stateset", "gaugehistogram", "unknown")
            .contains(parts[1]), number, line, "unknown type");
        require(families.put(parts[0], new Family(parts[0], parts[1], new ArrayList<>())) == null, number, line,
            "TYPE declared twice");
      } else if (line.startsWith("# HELP ")) {
        require(NAME.matcher(line.substring(7).split(" ", 2)[0]).matches(), number, line, "bad HELP line");
      } else if (line.startsWith("#")) {
        continue;
      } else {
        Sample sample = sample(line, number);
        Family family = familyOf(families, sample.name());
        require(family != null, number, line, "sample of an undeclared family");
        family.samples().add(sample);
      }
    }
    families.values().stream().filter(f -> f.type().equals("histogram")).forEach(PrometheusText::checkHistogram);
    return families;
  }

  private static Family familyOf(Map<String, Family> families, String sampleName) {
    if (families.containsKey(sampleName)) {
      return families.get(sampleName);
    }
    for (String suffix : List.of("_total", "_bucket", "_sum", "_count", "_created", "_info")) {
      if (sampleName.endsWith(suffix)) {
        Family family = families.get(sampleName.substring(0, sampleName.length() - suffix.length()));
        if (family != null) {
          return family;
        }
      }
    }
    return null;
  }

  private static Sample sample(String line, int number) {
    Matcher m = SAMPLE.matcher(line);
    require(m.matches(), number, line, "not a sample line");
    Map<String, String> labels = new LinkedHashMap<>();
    if (m.group(3) != null && !m.group(3).isEmpty()) {
      String rest = m.group(3);
      Matcher label = LABEL.matcher(rest);
      int at = 0;
      while (at < rest.length()) {
        require(label.find(at) && label.start() == at, number, line, "bad label at " + at);
        require(labels.put(label.group(1), label.group(2)) == null, number, line, "label repeated");
        at = label.end();
        if (at < rest.length()) {
          require(rest.charAt(at) == ',', number, line, "labels not separated by a comma");
          at++;
        }
      }
    }
    return new Sample(m.group(1), labels, value(m.group(4), number, line));
  }

  private static double value(String text, int number, String line) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new AssertionError("line " + number + ": value \"" + text + "\" is not a number: " + line);
        }
      }
    };
  }

  private static void checkHistogram(Family family) {
    Map<Map<String, String>, List<Sample>> bySeries = new LinkedHashMap<>();
    for (Sample s : family.samples()) {
      if (s.name().endsWith("_bucket")) {
        Map<String, String> series = new LinkedHashMap<>(s.labels());
        series.remove("le");
        bySeries.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
      }
    }
    for (var entry : bySeries.entrySet()) {
      double previous = 0;
      Sample last = null;
      for (Sample bucket : entry.getValue()) {
        if (bucket.value() < previous) {
          throw new AssertionError(family.name() + ": buckets are not cumulative at le=" + bucket.labels().get("le"));
        }
        previous = bucket.value();
        last = bucket;
      }
      if (last == null || !"+Inf".equals(last.labels().get("le"))) {
        throw new AssertionError(family.name() + ": the last bucket is not le=\"+Inf\"");
      }
      Optional<Sample> count = family.samples().stream()
          .filter(s -> s.name().equals(family.name() + "_count") && withoutLe(s.labels()).equals(entry.getKey()))
          .findFirst();
      if (count.isEmpty() || count.get().value() != last.value()) {
        throw new AssertionError(family.name() + ": _count does not equal the +Inf bucket");
      }
    }
  }

  private static Map<String, String> withoutLe(Map<String, String> labels) {
    Map<String, String> copy = new LinkedHashMap<>(labels);
    copy.remove("le");
    return copy;
  }

  private static void require(boolean condition, int number, String line, String problem) {
    if (!condition) {
      throw new AssertionError("line " + number + ": " + problem + ": " + line);
    }
  }
}
