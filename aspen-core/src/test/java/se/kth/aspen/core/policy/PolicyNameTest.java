package se.kth.aspen.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyNameTest {

  @ParameterizedTest(name = "\"{0}\" enforces {1}")
  @CsvSource(delimiter = '|', value = {
      "replicas,logging,restart,resources,front-end-rule | replicas, logging, restart, resources, front-end-rule",
      "front-end-rule,replicas                          | replicas, front-end-rule",
      " Resources ; LOGGING ,,                          | logging, resources",
      "none                                             | none",
      "NONE                                             | none",
      "replicas,replicas                                | replicas",
  })
  void aChoiceIsReadInAnyCaseAndOrderAndRunsInTheFixedOrder(String text, String enforced) {
    assertThat(PolicyName.describe(PolicyName.parse(text))).isEqualTo(enforced);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {
      "replicas,resource  | \"resource\" is not a policy (the policies are replicas, logging, restart, resources, front-end-rule, host-bind, or none)",
      "ResourcePolicy     | \"ResourcePolicy\" is not a policy (the policies are replicas, logging, restart, resources, front-end-rule, host-bind, or none)",
      "none,replicas      | none cannot be combined with policies (replicas)",
      "' , '              | names no policy; write none to enforce none (the policies are replicas, logging, restart, resources, front-end-rule, host-bind)",
  })
  void aWordThatIsNotAPolicyIsRefusedNamingIt(String text, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyName.parse(text));
    assertThat(e).hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"replicas", "logging", "restart", "resources", "front-end-rule"})
  void everyPolicyIsNamedAsItIsWritten(String text) {
    assertThat(PolicyName.parse(text)).extracting(PolicyName::text).isEqualTo(List.of(text));
  }
}
