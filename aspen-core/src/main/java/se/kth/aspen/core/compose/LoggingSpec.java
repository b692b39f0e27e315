package se.kth.aspen.core.compose;

import java.util.Map;
import java.util.Optional;

/** A service's {@code logging} block. */
public record LoggingSpec(Optional<String> driver, Map<String, String> options) {

  public LoggingSpec {
    options = Map.copyOf(options);
  }
}
