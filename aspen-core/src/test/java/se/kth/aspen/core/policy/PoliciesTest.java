package se.kth.aspen.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoliciesTest {

  @TempDir Path dir;

  List<String> violations(String yaml) {
    return Policies.of(PolicySettings.DEFAULT).check(CompliantStacks.model(dir, yaml), "app").stream()
        .map(Violation::toString).toList();
  }

  @Test
  void aCompliantStackHasNoViolation() {
    assertThat(violations(CompliantStacks.COMPLIANT)).isEmpty();
  }

  @ParameterizedTest(name = "without \"{0}\"")
  @CsvSource(delimiter = '|', value = {
      "      replicas: 2            | ReplicasPolicy: service web: deploy.replicas is missing (or mode: global) (line 5)",
      "        max-size: 10m        | LoggingPolicy: service web: logging.options.max-size is missing (line 21)",
      "        max-file: \"3\"      | LoggingPolicy: service web: logging.options.max-file is missing (line 21)",
      "        condition: on-failure | RestartPolicy: service web: deploy.restart_policy.condition is missing (line 9)",
      "        delay: 5s            | RestartPolicy: service web: deploy.restart_policy.delay is missing (line 9)",
      "        max_attempts: 3      | RestartPolicy: service web: deploy.restart_policy.max_attempts is missing (line 9)",
      "          memory: 64M        | ResourcePolicy: service web: deploy.resources.limits.memory is missing (line 14)",
      "          cpus: \"0.5\"      | ResourcePolicy: service web: deploy.resources.limits.cpus is missing (line 14)",
      "          memory: 32M        | ResourcePolicy: service web: deploy.resources.reservations.memory is missing (line 17)",
      "          cpus: \"0.1\"      | ResourcePolicy: service web: deploy.resources.reservations.cpus is missing (line 17)",
  })
  void eachRequiredKeyLeftOutIsOneViolationAtWhereItBelongs(String line, String violation) {
    assertThat(violations(CompliantStacks.without(line.stripTrailing()))).containsExactly(violation);
  }

  @Test
  void globalModeStandsInForReplicas() {
    assertThat(violations(CompliantStacks.replacing("      replicas: 2\n", "      mode: global\n"))).isEmpty();
  }

  @Test
  void missingBlocksAreOneViolationEach() {
    assertThat(violations(CompliantStacks.replacing("    logging:\n      options:\n        max-size: 10m\n        max-file: \"3\"\n", "")))
        .containsExactly(
            "LoggingPolicy: service web: logging.options.max-size is missing (line 3)",
            "LoggingPolicy: service web: logging.options.max-file is missing (line 3)");
    String noResources = CompliantStacks.COMPLIANT.substring(0, CompliantStacks.COMPLIANT.indexOf("      resources:"))
        + CompliantStacks.COMPLIANT.substring(CompliantStacks.COMPLIANT.indexOf("    logging:"));
    assertThat(violations(noResources)).containsExactly(
        "ResourcePolicy: service web: deploy.resources.limits is missing (it needs cpus and memory) (line 5)",
        "ResourcePolicy: service web: deploy.resources.reservations is missing (it needs cpus and memory) (line 5)");
  }

  @Test
  void aServiceWithNothingGetsEveryViolationTogether() {
    String yaml = CompliantStacks.COMPLIANT + "  bare:\n    image: 127.0.0.1:5000/busybox:1.2.3\n";
    assertThat(violations(yaml)).containsExactly(
        "ReplicasPolicy: service bare: deploy is missing (it needs replicas, or mode: global) (line 24)",
        "LoggingPolicy: service bare: logging.options.max-size is missing (line 24)",
        "LoggingPolicy: service bare: logging.options.max-file is missing (line 24)",
        "RestartPolicy: service bare: deploy.restart_policy is missing (it needs condition, delay and max_attempts) (line 24)",
        "ResourcePolicy: service bare: deploy.resources.limits is missing (it needs cpus and memory) (line 24)",
        "ResourcePolicy: service bare: deploy.resources.reservations is missing (it needs cpus and memory) (line 24)");
  }

  @Test
  void theFrontEndRuleMayNotPublishTheRootUnlessTheAppIsAllowed() {
    String root = CompliantStacks.replacing("PathPrefix:/app", "Host:www.kth.se;PathPrefix:/");
    assertThat(violations(root)).containsExactly(
        "FrontEndRulePolicy: service web: deploy label traefik.frontend.rule \"Host:www.kth.se;PathPrefix:/\" publishes "
            + "the site root (/), which only allow-listed applications may do (line 8)");
    PolicySettings allowed = PolicySettings.DEFAULT.withRootPathApplications(Set.of("app"));
    assertThat(Policies.of(allowed).check(CompliantStacks.model(dir, root), "app")).isEmpty();
    assertThat(Policies.of(allowed).check(CompliantStacks.model(dir, root), "other")).hasSize(1);
  }

  @Test
  void theFrontEndRuleLabelIsConfigurable() {
    String yaml = CompliantStacks.replacing("traefik.frontend.rule: \"PathPrefix:/app\"", "my.rule: \"Path:/\"");
    assertThat(violations(yaml)).isEmpty();
    PolicySettings custom = PolicySettings.DEFAULT.withFrontEndRuleLabel("my.rule");
    assertThat(Policies.of(custom).check(CompliantStacks.model(dir, yaml), "app"))
        .extracting(Violation::policy).containsExactly("FrontEndRulePolicy");
  }

  private static final String BARE = CompliantStacks.COMPLIANT + "  bare:\n    image: 127.0.0.1:5000/busybox:1.2.3\n";

  private List<String> violations(PolicySettings settings, String yaml) {
    return Policies.of(settings).check(CompliantStacks.model(dir, yaml), "app").stream().map(Violation::toString).toList();
  }

  @Test
  void onlyTheEnforcedPoliciesAreChecked() {
    PolicySettings two = PolicySettings.DEFAULT.withEnforced(PolicyName.parse("resources,replicas"));
    assertThat(violations(two, BARE)).containsExactly(
        "ReplicasPolicy: service bare: deploy is missing (it needs replicas, or mode: global) (line 24)",
        "ResourcePolicy: service bare: deploy.resources.limits is missing (it needs cpus and memory) (line 24)",
        "ResourcePolicy: service bare: deploy.resources.reservations is missing (it needs cpus and memory) (line 24)");
    assertThat(Policies.of(two).names()).containsExactly(PolicyName.REPLICAS, PolicyName.RESOURCES);
  }

  @Test
  void noPolicyLetsAStackWithNoneOfTheKeysThrough() {
    PolicySettings none = PolicySettings.DEFAULT.withEnforced(PolicyName.parse("none"));
    String root = BARE.replace("PathPrefix:/app", "PathPrefix:/");
    assertThat(violations(none, root)).isEmpty();
    assertThat(Policies.of(none).names()).isEmpty();
  }

  @Test
  void eachPolicyRequiresTheKeysItIsGiven() {
    PolicySettings lighter = PolicySettings.DEFAULT
        .withLoggingOptions(List.of("max-size", "compress"))
        .withRestartKeys(List.of("max_attempts", "condition"))
        .withResourceKeys(List.of("limits.memory"));
    assertThat(violations(lighter, CompliantStacks.COMPLIANT)).containsExactly(
        "LoggingPolicy: service web: logging.options.compress is missing (line 21)");
    String noDelayNoCpus = CompliantStacks.without("delay: 5s").replace("cpus: \"0.5\"\n", "").replace("cpus: \"0.1\"\n", "");
    assertThat(violations(lighter, noDelayNoCpus)).containsExactly(
        "LoggingPolicy: service web: logging.options.compress is missing (line 18)");
    assertThat(violations(lighter, BARE)).containsSubsequence(
        "RestartPolicy: service bare: deploy.restart_policy is missing (it needs condition and max_attempts) (line 24)",
        "ResourcePolicy: service bare: deploy.resources.limits is missing (it needs memory) (line 24)");
    assertThat(violations(lighter, CompliantStacks.without("memory: 64M")))
        .containsExactly("LoggingPolicy: service web: logging.options.compress is missing (line 20)",
            "ResourcePolicy: service web: deploy.resources.limits.memory is missing (line 14)");
  }

  @Test
  void violationsCarryTheirParts() {
    Violation violation = new Violation("ResourcePolicy", "web", 14, "deploy.resources.limits.memory is missing");
    assertThat(violation.message()).isEqualTo("service web: deploy.resources.limits.memory is missing (line 14)");
    assertThat(new Violation("ReplicasPolicy", "web", 0, "x").message()).isEqualTo("service web: x");
  }
}
