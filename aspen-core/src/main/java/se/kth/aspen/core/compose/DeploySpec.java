package se.kth.aspen.core.compose;

import java.util.Map;
import java.util.Optional;

/**
 * A service's {@code deploy} block.
 *
 * @param mode {@code replicated}, {@code global}, {@code replicated-job} or {@code global-job}, empty when
 *     not written (replicated)
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

  /** Whether the tasks run to completion ({@code replicated-job}, {@code global-job}) instead of for good. */
  public boolean job() {
    return mode.filter(m -> m.endsWith("-job")).isPresent();
  }
}
