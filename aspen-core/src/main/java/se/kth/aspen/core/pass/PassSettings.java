package se.kth.aspen.core.pass;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import se.kth.aspen.core.policy.PolicySettings;
import se.kth.aspen.core.port.VerifyPolicy;

/**
 * How a pass behaves; the runner builds it from the environment (aspen-runner/README.md lists the settings).
 *
 * @param group {@code MANAGEMENT_RES_GRP}: scopes every state key
 * @param clustersToDeploy {@code CLUSTERS_TO_DEPLOY}; empty means every cluster the directory
 *     knows
 * @param excludedApps {@code EXCLUDED_APPS}: application names never deployed
 * @param parallelism {@code PARALLELISM}: targets worked on at once (5)
 * @param targetTimeout the most one target may take from select to record, verification
 *     included; a target past it fails as COULD_NOT_TRY or TRIED_AND_FAILED depending on how far
 *     it got
 * @param requestTimeout {@code REQUEST_TIMEOUT}: the most one call to a port may take (5 s);
 *     deploy and verification take their own time within the target's deadline
 * @param verify {@code VERIFY_START_RETRY_TIMES} attempts, {@code VERIFY_START_DELAY_SECS} apart
 * @param policies which policies a stack must follow ({@code POLICIES}, all by default) and their
 *     values, the front-end rule label ({@code FRONT_END_RULE_LABEL}) among them
 * @param skipDeployment {@code SKIP_DEPLOYMENT}: a DEPLOY pass runs as RECORD_ONLY
 * @param prune remove services no longer in a stack file
 * @param rollbackOnFailure {@code ROLLBACK_ON_FAILURE}: on a failed verification put every
 *     service updated by that deploy back on its previous spec; an app's label {@value
 *     #ROLLBACK_LABEL} ({@code true}/{@code false}) overrides it
 * @param pinDigests pin every image to the digest its tag points at when deploying
 * @param failedRetryBackoff {@code FAILED_RETRY_BACKOFF}: when present, a blocked desired state
 *     is tried again after this long, doubling per attempt up to {@code failedRetryBackoffCap}
 * @param errorRepeatAfter an unchanged error is reported again (prefixed {@code <!here> }) after
 *     this long (10 minutes)
 * @param leaseTtl how long a target's lease lives without being renewed (30 s). A target renews
 *     it every third of this while it deploys, verifies, rolls back and records, so a runner
 *     killed mid-deploy blocks the target for at most this long. Keep it well above {@code
 *     requestTimeout}: a renewal that takes longer than a third of it may come too late.
 * @param pruneGrace {@code PRUNE_GRACE}: with {@code prune}, a stack of this group whose directory
 *     left the registry is removed only after it has been missing this long (1 h)
 * @param driftPolicy {@code DRIFT_POLICY}: what to do with an unchanged app whose services no
 *     longer run what was deployed (report); an app's label {@value #DRIFT_LABEL} overrides it
 */
public record PassSettings(
    String group,
    Set<String> clustersToDeploy,
    Set<String> excludedApps,
    int parallelism,
    Duration targetTimeout,
    Duration requestTimeout,
    VerifyPolicy verify,
    PolicySettings policies,
    boolean skipDeployment,
    boolean prune,
    boolean rollbackOnFailure,
    boolean pinDigests,
    Optional<Duration> failedRetryBackoff,
    Duration failedRetryBackoffCap,
    Duration errorRepeatAfter,
    Duration leaseTtl,
    DriftPolicy driftPolicy,
    Duration pruneGrace) {

  /** The per-app label that turns whole-stack rollback on or off for that app. */
  public static final String ROLLBACK_LABEL = "se.kth.aspen.rollbackOnFailure";
  /** The per-app label choosing the drift policy: {@code ignore}, {@code report} or {@code revert}. */
  public static final String DRIFT_LABEL = "se.kth.aspen.drift";
  /** The per-app label naming fields another tool owns: {@code replicas,labels.traefik.*}. */
  public static final String DRIFT_IGNORE_LABEL = "se.kth.aspen.drift.ignore";

  public PassSettings {
    Objects.requireNonNull(group, "group");
    clustersToDeploy = Set.copyOf(clustersToDeploy);
    excludedApps = Set.copyOf(excludedApps);
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    requirePositive("targetTimeout", targetTimeout);
    requirePositive("requestTimeout", requestTimeout);
    Objects.requireNonNull(verify, "verify");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(failedRetryBackoff, "failedRetryBackoff");
    failedRetryBackoff.ifPresent(d -> requirePositive("failedRetryBackoff", d));
    requirePositive("failedRetryBackoffCap", failedRetryBackoffCap);
    requirePositive("errorRepeatAfter", errorRepeatAfter);
    requirePositive("leaseTtl", leaseTtl);
    Objects.requireNonNull(driftPolicy, "driftPolicy");
    Objects.requireNonNull(pruneGrace, "pruneGrace");
    if (pruneGrace.isNegative()) {
      throw new IllegalArgumentException("pruneGrace must not be negative, got " + pruneGrace);
    }
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  /** {@code FRONT_END_RULE_LABEL}: the policy's label, also where notices find a service's path. */
  public String frontEndRuleLabel() {
    return policies.frontEndRuleLabel();
  }

  /** The documented defaults for a management group. */
  public static Builder defaults(String group) {
    return new Builder(group);
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder(group);
    b.clustersToDeploy = clustersToDeploy;
    b.excludedApps = excludedApps;
    b.parallelism = parallelism;
    b.targetTimeout = targetTimeout;
    b.requestTimeout = requestTimeout;
    b.verify = verify;
    b.policies = policies;
    b.skipDeployment = skipDeployment;
    b.prune = prune;
    b.rollbackOnFailure = rollbackOnFailure;
    b.pinDigests = pinDigests;
    b.failedRetryBackoff = failedRetryBackoff;
    b.failedRetryBackoffCap = failedRetryBackoffCap;
    b.errorRepeatAfter = errorRepeatAfter;
    b.leaseTtl = leaseTtl;
    b.driftPolicy = driftPolicy;
    b.pruneGrace = pruneGrace;
    return b;
  }

  /**
   * Reads a list as {@code EXCLUDED_APPS} and {@code CLUSTERS_TO_DEPLOY} are written: names
   * separated by {@code ,} or {@code ;}, blanks around them ignored, empty entries dropped.
   */
  public static Set<String> parseNames(String text) {
    if (text == null || text.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(text.split("[,;]"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Mutable only while building; {@link #build()} validates. */
  public static final class Builder {
    private final String group;
    private Set<String> clustersToDeploy = Set.of();
    private Set<String> excludedApps = Set.of();
    private int parallelism = 5;
    private Duration targetTimeout = Duration.ofMinutes(10);
    private Duration requestTimeout = Duration.ofSeconds(5);
    private VerifyPolicy verify = new VerifyPolicy(5, Duration.ofSeconds(5));
    private PolicySettings policies = PolicySettings.DEFAULT;
    private boolean skipDeployment;
    private boolean prune;
    private boolean rollbackOnFailure;
    private boolean pinDigests = true;
    private Optional<Duration> failedRetryBackoff = Optional.empty();
    private Duration failedRetryBackoffCap = Duration.ofHours(6);
    private Duration errorRepeatAfter = Duration.ofMinutes(10);
    private Duration leaseTtl = Duration.ofSeconds(30);
    private DriftPolicy driftPolicy = DriftPolicy.REPORT;
    private Duration pruneGrace = Duration.ofHours(1);

    private Builder(String group) {
      this.group = group;
    }

    public Builder clustersToDeploy(Set<String> value) { this.clustersToDeploy = value; return this; }
    public Builder excludedApps(Set<String> value) { this.excludedApps = value; return this; }
    public Builder parallelism(int value) { this.parallelism = value; return this; }
    public Builder targetTimeout(Duration value) { this.targetTimeout = value; return this; }
    public Builder requestTimeout(Duration value) { this.requestTimeout = value; return this; }
    public Builder verify(VerifyPolicy value) { this.verify = value; return this; }
    public Builder policies(PolicySettings value) { this.policies = value; return this; }
    public Builder frontEndRuleLabel(String value) { this.policies = policies.withFrontEndRuleLabel(value); return this; }
    public Builder rootPathAllowed(Set<String> value) { this.policies = policies.withRootPathApplications(value); return this; }
    public Builder skipDeployment(boolean value) { this.skipDeployment = value; return this; }
    public Builder prune(boolean value) { this.prune = value; return this; }
    public Builder rollbackOnFailure(boolean value) { this.rollbackOnFailure = value; return this; }
    public Builder pinDigests(boolean value) { this.pinDigests = value; return this; }
    public Builder failedRetryBackoff(Optional<Duration> value) { this.failedRetryBackoff = value; return this; }
    public Builder failedRetryBackoffCap(Duration value) { this.failedRetryBackoffCap = value; return this; }
    public Builder errorRepeatAfter(Duration value) { this.errorRepeatAfter = value; return this; }
    public Builder leaseTtl(Duration value) { this.leaseTtl = value; return this; }
    public Builder driftPolicy(DriftPolicy value) { this.driftPolicy = value; return this; }
    public Builder pruneGrace(Duration value) { this.pruneGrace = value; return this; }

    public PassSettings build() {
      return new PassSettings(group, clustersToDeploy, excludedApps, parallelism, targetTimeout,
          requestTimeout, verify, policies, skipDeployment, prune,
          rollbackOnFailure, pinDigests, failedRetryBackoff, failedRetryBackoffCap, errorRepeatAfter,
          leaseTtl, driftPolicy, pruneGrace);
    }
  }
}
