package se.kth.aspen.core.compose;

import java.util.List;
import java.util.Optional;

/**
 * {@code deploy.placement}.
 *
 * @param spreadPreferences the {@code spread} descriptors of {@code preferences}, in order
 */
public record PlacementSpec(
    List<String> constraints, List<String> spreadPreferences, Optional<Integer> maxReplicasPerNode) {

  public PlacementSpec {
    constraints = List.copyOf(constraints);
    spreadPreferences = List.copyOf(spreadPreferences);
  }
}
