package se.kth.aspen.core.port;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One service's final environment, sorted by name as the engine is sent it: every value is a
 * {@link Secret} (env files and the decrypted {@code secrets.env} may hold passwords), and a
 * name without a value is sent as a bare name. {@code toString} shows the names only.
 */
public final class ServiceEnvironment {

  private static final ServiceEnvironment EMPTY = new ServiceEnvironment(new TreeMap<>());

  private final SortedMap<String, Optional<Secret>> values;

  private ServiceEnvironment(TreeMap<String, Optional<Secret>> values) {
    this.values = Collections.unmodifiableSortedMap(values);
  }

  /** @param values names to values; an empty value stands for a bare name */
  public static ServiceEnvironment of(Map<String, Optional<Secret>> values) {
    TreeMap<String, Optional<Secret>> sorted = new TreeMap<>();
    values.forEach((name, value) -> sorted.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name)));
    return new ServiceEnvironment(sorted);
  }

  public static ServiceEnvironment empty() {
    return EMPTY;
  }

  /** Names to values, sorted by name; empty for a name sent without a value. */
  public SortedMap<String, Optional<Secret>> values() {
    return values;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ServiceEnvironment e && values.equals(e.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "ServiceEnvironment" + values.keySet();
  }
}
