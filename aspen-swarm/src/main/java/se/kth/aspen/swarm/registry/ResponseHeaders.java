package se.kth.aspen.swarm.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The header fields of an answer, looked up by name regardless of case (HTTP field names are
 * case-insensitive), each name with all its values in the order they came.
 */
final class ResponseHeaders {

  private final Map<String, List<String>> values;

  private ResponseHeaders(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Every value of the field, in the order received; empty when it was not sent. */
  List<String> allValues(String name) {
    return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** The first value of the field, if it was sent. */
  Optional<String> firstValue(String name) {
    List<String> all = allValues(name);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
  }

  /** Whether a comma-separated field ({@code Connection}, {@code Transfer-Encoding}) lists a token. */
  boolean lists(String name, String token) {
    for (String value : allValues(name)) {
      for (String item : value.split(",")) {
        if (item.strip().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return values.toString();
  }

  /** Collects fields as they are read off the wire. */
  static final class Builder {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    Builder add(String name, String value) {
      values.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
      return this;
    }

    ResponseHeaders build() {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
      return new ResponseHeaders(Map.copyOf(copy));
    }
  }
}
