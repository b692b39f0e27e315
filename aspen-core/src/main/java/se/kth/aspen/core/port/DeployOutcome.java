package se.kth.aspen.core.port;

import java.util.List;

/**
 * What a deploy changed, by service name (without the stack prefix).
 *
 * @param warnings what the deploy itself warns of, as {@code docker stack deploy} would print on
 *     stderr (an image whose digest could not be recorded, a published port's host IP that Swarm
 *     ignores...); not the stack file's own warnings, which the caller has from {@link
 *     se.kth.aspen.core.compose.StackModel#warnings()}
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
