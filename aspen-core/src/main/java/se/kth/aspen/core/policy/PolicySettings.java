package se.kth.aspen.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which policies are enforced, and what each one asks for. {@link #DEFAULT} is the set KTH runs:
 * every policy, with the values the tool Aspen replaces had fixed.
 *
 * @param enforced the policies checked before a deploy; empty: none
 * @param frontEndRuleLabel the deploy label holding the front-end routing rule
 *     ({@code FRONT_END_RULE_LABEL}, default {@code traefik.frontend.rule})
 * @param rootPathApplications applications allowed to publish the site root
 * @param loggingOptions the {@code logging.options} every service must set ({@code max-size},
 *     {@code max-file})
 * @param restartKeys the {@code deploy.restart_policy} keys every service must set, among
 *     {@link RestartPolicy#KEYS} ({@code condition}, {@code delay}, {@code max_attempts})
 * @param resourceKeys the {@code deploy.resources} values every service must set, among
 *     {@link ResourcePolicy#KEYS} (all four: cpus and memory of limits and reservations)
 * @param hostBindMode what {@link HostBindPolicy} does with a host path nobody granted
 *     ({@code HOST_BIND_POLICY}, default {@code warn})
 * @param hostBindAllowed the absolute host paths a service's {@value HostBindPolicy#GRANT_LABEL}
 *     label may be granted, each covering the paths below it ({@code HOST_BIND_ALLOW}, default none)
 */
public record PolicySettings(
    Set<PolicyName> enforced,
    String frontEndRuleLabel,
    Set<String> rootPathApplications,
    List<String> loggingOptions,
    List<String> restartKeys,
    List<String> resourceKeys,
    HostBindMode hostBindMode,
    List<String> hostBindAllowed) {

  public static final String DEFAULT_FRONT_END_RULE_LABEL = "traefik.frontend.rule";
  public static final List<String> DEFAULT_LOGGING_OPTIONS = List.of("max-size", "max-file");
  public static final List<String> DEFAULT_RESTART_KEYS = List.of("condition", "delay", "max_attempts");
  public static final List<String> DEFAULT_RESOURCE_KEYS = ResourcePolicy.KEYS;

  /**
   * Every policy, the default label, nobody allowed the site root, KTH's required keys, host binds
   * warned about and none granted.
   */
  public static final PolicySettings DEFAULT = new PolicySettings(PolicyName.all(), DEFAULT_FRONT_END_RULE_LABEL,
      Set.of(), DEFAULT_LOGGING_OPTIONS, DEFAULT_RESTART_KEYS, DEFAULT_RESOURCE_KEYS, HostBindMode.WARN, List.of());

  public PolicySettings {
    enforced = PolicyName.ordered(enforced);
    Objects.requireNonNull(frontEndRuleLabel, "frontEndRuleLabel");
    if (frontEndRuleLabel.isBlank()) {
      throw new IllegalArgumentException("the front-end rule label must not be blank");
    }
    rootPathApplications = Set.copyOf(rootPathApplications);
    loggingOptions = required("logging option", loggingOptions, null);
    restartKeys = required("restart_policy key", restartKeys, RestartPolicy.KEYS);
    resourceKeys = required("resources value", resourceKeys, ResourcePolicy.KEYS);
    Objects.requireNonNull(hostBindMode, "hostBindMode");
    hostBindAllowed = hostPaths(hostBindAllowed);
  }

  /** Whether {@code policy} is checked. */
  public boolean enforces(PolicyName policy) {
    return enforced.contains(policy);
  }

  public PolicySettings withEnforced(Set<PolicyName> value) {
    return new PolicySettings(value, frontEndRuleLabel, rootPathApplications, loggingOptions, restartKeys, resourceKeys,
        hostBindMode, hostBindAllowed);
  }

  public PolicySettings withFrontEndRuleLabel(String value) {
    return new PolicySettings(enforced, value, rootPathApplications, loggingOptions, restartKeys, resourceKeys,
        hostBindMode, hostBindAllowed);
  }

  public PolicySettings withRootPathApplications(Set<String> value) {
    return new PolicySettings(enforced, frontEndRuleLabel, value, loggingOptions, restartKeys, resourceKeys,
        hostBindMode, hostBindAllowed);
  }

  public PolicySettings withLoggingOptions(List<String> value) {
    return new PolicySettings(enforced, frontEndRuleLabel, rootPathApplications, value, restartKeys, resourceKeys,
        hostBindMode, hostBindAllowed);
  }

  public PolicySettings withRestartKeys(List<String> value) {
    return new PolicySettings(enforced, frontEndRuleLabel, rootPathApplications, loggingOptions, value, resourceKeys,
        hostBindMode, hostBindAllowed);
  }

  public PolicySettings withResourceKeys(List<String> value) {
    return new PolicySettings(enforced, frontEndRuleLabel, rootPathApplications, loggingOptions, restartKeys, value,
        hostBindMode, hostBindAllowed);
  }

  public PolicySettings withHostBindMode(HostBindMode value) {
    return new PolicySettings(enforced, frontEndRuleLabel, rootPathApplications, loggingOptions, restartKeys, resourceKeys,
        value, hostBindAllowed);
  }

  public PolicySettings withHostBindAllowed(List<String> value) {
    return new PolicySettings(enforced, frontEndRuleLabel, rootPathApplications, loggingOptions, restartKeys, resourceKeys,
        hostBindMode, value);
  }

  /** Absolute paths, normalised, without repeats. */
  private static List<String> hostPaths(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      String path = HostPath.of(value == null ? "" : value.strip())
          .orElseThrow(() -> new IllegalArgumentException("\"" + value + "\" is not an absolute host path")).path();
      if (!out.contains(path)) {
        out.add(path);
      }
    }
    return List.copyOf(out);
  }

  /** Not empty, no blank, no repeat, and (when {@code allowed} is given) only allowed values. */
  private static List<String> required(String what, List<String> values, List<String> allowed) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("a required " + what + " must not be blank");
      }
      if (allowed != null && !allowed.contains(value)) {
        throw new IllegalArgumentException("\"" + value + "\" is not a " + what + " (they are "
            + String.join(", ", allowed) + ")");
      }
      if (!out.contains(value)) {
        out.add(value);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("at least one " + what + " must be required (leave the policy out to require none)");
    }
    return List.copyOf(out);
  }
}
