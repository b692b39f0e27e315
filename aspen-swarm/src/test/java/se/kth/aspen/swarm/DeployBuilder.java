package se.kth.aspen.swarm;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.compose.DeploySpec;
import se.kth.aspen.core.compose.PlacementSpec;
import se.kth.aspen.core.compose.ResourcesSpec;
import se.kth.aspen.core.compose.RestartPolicySpec;
import se.kth.aspen.core.compose.UpdateConfigSpec;

/** Test-side builder of {@code deploy} blocks. */
final class DeployBuilder {

  Optional<String> mode = Optional.empty();
  Optional<Integer> replicas = Optional.empty();
  Optional<String> endpointMode = Optional.empty();
  Map<String, String> labels = new HashMap<>();
  Optional<ResourcesSpec> resources = Optional.empty();
  Optional<RestartPolicySpec> restartPolicy = Optional.empty();
  Optional<UpdateConfigSpec> updateConfig = Optional.empty();
  Optional<UpdateConfigSpec> rollbackConfig = Optional.empty();
  Optional<PlacementSpec> placement = Optional.empty();

  static DeployBuilder replicas(int n) {
    DeployBuilder b = new DeployBuilder();
    b.replicas = Optional.of(n);
    return b;
  }

  static DeployBuilder global() {
    DeployBuilder b = new DeployBuilder();
    b.mode = Optional.of("global");
    return b;
  }

  DeploySpec build() {
    return new DeploySpec(mode, replicas, endpointMode, labels, resources, restartPolicy, updateConfig, rollbackConfig, placement);
  }
}
