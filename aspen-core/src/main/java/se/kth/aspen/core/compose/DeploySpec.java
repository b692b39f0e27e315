package se.kth.aspen.core.compose;

import java.util.Map;
import java.util.Optional;

/**
 * A service's {@code deploy} block.
 *
 * @param mode {@code replicated} or {@code global}, empty when not written (replicated)
 * @param replicas empty when not written
 * @param endpointMode {@code vip} or {@code dnsrr}, empty when not written
 */
public record DeploySpec(
    Optional<String> mode,
    Optional<Integer> replicas,
    Optional<String> endpointMode,
    Map<String, String> labels,
    Optional<ResourcesSpec> resources,
    Optional<RestartPolicySpec> restartPolicy,
    Optional<UpdateConfigSpec> updateConfig,
    Optional<UpdateConfigSpec> rollbackConfig,
    Optional<PlacementSpec> placement) {

  public DeploySpec {
    labels = Map.copyOf(labels);
  }

  public boolean global() {
    return mode.filter("global"::equals).isPresent();
  }
}
