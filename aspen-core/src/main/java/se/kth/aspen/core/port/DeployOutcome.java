package se.kth.aspen.core.port;

import java.util.List;

/**
 * What a deploy changed, by service name (without the stack prefix).
 *
 * @param warnings what {@code docker stack deploy} would have printed on stderr
 */
public record DeployOutcome(
    List<String> created, List<String> updated, List<String> removed, List<String> warnings) {

  public DeployOutcome {
    created = List.copyOf(created);
    updated = List.copyOf(updated);
    removed = List.copyOf(removed);
    warnings = List.copyOf(warnings);
  }
}
