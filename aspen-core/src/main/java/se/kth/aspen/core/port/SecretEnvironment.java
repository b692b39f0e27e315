package se.kth.aspen.core.port;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Environment variables whose values are secret, in the order they were written. {@code
 * toString} shows the names only.
 */
public final class SecretEnvironment {

  private static final SecretEnvironment EMPTY = new SecretEnvironment(new LinkedHashMap<>());

  private final SequencedMap<String, Secret> values;

  private SecretEnvironment(LinkedHashMap<String, Secret> values) {
    this.values = Collections.unmodifiableSequencedMap(values);
  }

  public static SecretEnvironment of(Map<String, Secret> values) {
    return new SecretEnvironment(new LinkedHashMap<>(values));
  }

  public static SecretEnvironment empty() {
    return EMPTY;
  }

  /** Names to values, in file order; a later duplicate has replaced the earlier value. */
  public SequencedMap<String, Secret> values() {
    return values;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public String toString() {
    return "SecretEnvironment" + values.keySet();
  }
}
