package se.kth.aspen.core.compose;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/** Immutable copies that keep insertion order, which {@code Map.copyOf} does not. */
final class Immutable {

  private Immutable() {}

  static <K, V> SequencedMap<K, V> orderedCopy(SequencedMap<K, V> map) {
    return Collections.unmodifiableSequencedMap(new LinkedHashMap<>(map));
  }
}
