package se.kth.aspen.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicySettingsTest {

  @Test
  void theDefaultIsEveryPolicyWithKthsValues() {
    PolicySettings kth = PolicySettings.DEFAULT;
    assertThat(kth.enforced()).containsExactly(PolicyName.values());
    assertThat(kth.frontEndRuleLabel()).isEqualTo("traefik.frontend.rule");
    assertThat(kth.loggingOptions()).containsExactly("max-size", "max-file");
    assertThat(kth.restartKeys()).containsExactly("condition", "delay", "max_attempts");
    assertThat(kth.resourceKeys()).containsExactly("limits.cpus", "limits.memory", "reservations.cpus", "reservations.memory");
  }

  @Test
  void enforcedPoliciesIterateInTheirFixedOrder() {
    PolicySettings chosen = PolicySettings.DEFAULT.withEnforced(Set.of(PolicyName.FRONT_END_RULE, PolicyName.REPLICAS));
    assertThat(chosen.enforced()).containsExactly(PolicyName.REPLICAS, PolicyName.FRONT_END_RULE);
    assertThat(chosen.enforces(PolicyName.LOGGING)).isFalse();
  }

  @Test
  void requiredKeysMustBeOnesThePolicyKnows() {
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> PolicySettings.DEFAULT.withRestartKeys(List.of("condition", "retries"))))
        .hasMessage("\"retries\" is not a restart_policy key (they are condition, delay, max_attempts, window)");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> PolicySettings.DEFAULT.withResourceKeys(List.of("limits.memory", "limits.disk"))))
        .hasMessage("\"limits.disk\" is not a resources value (they are limits.cpus, limits.memory, reservations.cpus, "
            + "reservations.memory)");
    assertThat(assertThrows(IllegalArgumentException.class, () -> PolicySettings.DEFAULT.withLoggingOptions(List.of())))
        .hasMessage("at least one logging option must be required (leave the policy out to require none)");
    assertThat(assertThrows(IllegalArgumentException.class, () -> PolicySettings.DEFAULT.withLoggingOptions(List.of(" "))))
        .hasMessage("a required logging option must not be blank");
  }
}
