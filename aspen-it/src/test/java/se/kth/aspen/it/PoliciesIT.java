package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.FailureKind;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.policy.PolicyName;

/**
 * A team that is not KTH: a stack written for {@code docker stack deploy} with none of KTH's
 * keys (no replicas, logging options, restart policy, resources) is refused by the default
 * policies and deployed to the real swarm with {@code POLICIES=none}.
 */
class PoliciesIT extends Scenario {

  private final String plain = app("plain");

  private static final String PLAIN_STACK = """
      version: "3.8"
      services:
        web:
          image: 127.0.0.1:5000/busybox:1.2.3_def
          stop_grace_period: 1s
          deploy:
            labels:
              traefik.frontend.rule: "PathPrefix:/"
      """;

  @Test
  void aStackWithNoneOfKthsKeysIsRefusedByDefaultAndDeployedWithPoliciesNone() {
    git.write(stackPath(plain, "active"), PLAIN_STACK);
    git.commitAndPush("a stack written for docker stack deploy");

    PassReport kth = aspen().plan();
    AppResult refused = result(kth, plain, "active");
    assertThat(refused.status()).as(describe(kth)).isEqualTo(AppStatus.FAILED);
    assertThat(refused.failure()).contains(FailureKind.INVALID);
    assertThat(refused.step()).contains("ReplicasPolicy");
    assertThat(refused.reason().orElseThrow()).contains("LoggingPolicy", "RestartPolicy", "ResourcePolicy", "FrontEndRulePolicy");
    assertThat(kth.policies()).containsExactly(PolicyName.values());

    env.put("POLICIES", "none");
    PassReport none = aspen().deployPass();

    assertThat(result(none, plain, "active").status()).as(describe(none)).isEqualTo(AppStatus.DEPLOYED);
    assertThat(none.policies()).isEmpty();
    assertThat(engine.replicas(plain + "_web")).isEqualTo("1/1");
  }
}
