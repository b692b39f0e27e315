package se.kth.aspen.core.policy;

import java.util.Objects;
import java.util.Set;

/**
 * What the policies need from the runner's configuration.
 *
 * @param frontEndRuleLabel the deploy label holding the front-end routing rule
 *     ({@code FRONT_END_RULE_LABEL}, default {@code traefik.frontend.rule})
 * @param rootPathApplications applications allowed to publish the site root
 */
public record PolicySettings(String frontEndRuleLabel, Set<String> rootPathApplications) {

  public static final String DEFAULT_FRONT_END_RULE_LABEL = "traefik.frontend.rule";

  /** The default label and nobody allowed the site root. */
  public static final PolicySettings DEFAULT = new PolicySettings(DEFAULT_FRONT_END_RULE_LABEL, Set.of());

  public PolicySettings {
    Objects.requireNonNull(frontEndRuleLabel, "frontEndRuleLabel");
    if (frontEndRuleLabel.isBlank()) {
      throw new IllegalArgumentException("the front-end rule label must not be blank");
    }
    rootPathApplications = Set.copyOf(rootPathApplications);
  }
}
