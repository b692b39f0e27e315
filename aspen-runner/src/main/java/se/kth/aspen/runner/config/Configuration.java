package se.kth.aspen.runner.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import se.kth.aspen.core.pass.DriftPolicy;
import se.kth.aspen.core.pass.PassSettings;
import se.kth.aspen.core.policy.PolicyName;
import se.kth.aspen.core.policy.PolicySettings;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.VerifyPolicy;
import se.kth.aspen.swarm.registry.Registries;

/**
 * The runner's validated configuration. Made by {@link ConfigurationReader}; secret values are
 * held as {@link Secret}s, and {@link #toString()} shows no secret and no URL credentials.
 *
 * @param registry where the application registry is; empty only for offline commands
 * @param registryClone where a git registry is cloned to
 * @param clusterStatus the cluster status API URL, or a file path when {@code clusterStatusIsFile}
 * @param clustersToDeploy the selected clusters; empty means every cluster of the directory
 * @param vault the master key and application password files, when secrets are used
 * @param registries the image registries with their logins: DOCKER_REGISTRY_*, AZURE_REGISTRY_*
 *     and the {@code auths} of {@code $DOCKER_CONFIG/config.json}
 * @param redisUrl Redis for state; empty: the embedded store under {@code stateDir}
 * @param configRotation whether file-based secrets and configs are named by their content ({@code CONFIG_ROTATION})
 * @param driftPolicy what to do with drift ({@code DRIFT_POLICY})
 * @param pruneGrace how long an orphaned stack is kept before PRUNE removes it ({@code PRUNE_GRACE})
 * @param failedRetryBackoff empty: a failed desired state is retried only on change or request
 * @param policies which policies stacks must follow ({@code POLICIES}) and what each asks for
 * @param sshDirectory where the conventional ssh keys for an ssh registry are ({@code $HOME/.ssh})
 * @param tagsRefresh how long the runner uses a repository's tag list before listing it again
 * @param registryConcurrency the most Docker registry requests at once
 * @param runnerName how this runner names itself to runners sharing its state, and in logs
 * @param commitStatuses the forge commit statuses are posted to ({@code COMMIT_STATUS_*}); empty: none
 * @param publicUrl Aspen's address as users reach it ({@code ASPEN_PUBLIC_URL})
 */
public record Configuration(
    Optional<RepositoryLocation> registry,
    Path registryClone,
    Optional<String> clusterStatus,
    boolean clusterStatusIsFile,
    Optional<Set<String>> clustersToDeploy,
    Optional<VaultFiles> vault,
    Registries registries,
    Optional<Secret> redisUrl,
    String managementGroup,
    int parallelism,
    Notifications notifications,
    VerifyPolicy verify,
    Duration requestTimeout,
    Optional<String> knownHostEntry,
    Path knownHostFile,
    PolicySettings policies,
    boolean syncStartOnRun,
    Duration delayBetweenRuns,
    Set<String> excludedApps,
    boolean skipDeployment,
    Path stateDir,
    Api api,
    LogFormat logFormat,
    Optional<Duration> failedRetryBackoff,
    Duration failedRetryBackoffMax,
    boolean rollbackOnFailure,
    boolean prune,
    boolean configRotation,
    DriftPolicy driftPolicy,
    Duration pruneGrace,
    Optional<Path> dockerCertPath,
    Duration shutdownGrace,
    Duration leaseTtl,
    Path sshDirectory,
    Duration tagsRefresh,
    int registryConcurrency,
    String runnerName,
    Optional<CommitStatusAccess> commitStatuses,
    Optional<URI> publicUrl) {

  public Configuration {
    Objects.requireNonNull(commitStatuses, "commitStatuses");
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(registries, "registries");
    clustersToDeploy = clustersToDeploy.map(Set::copyOf);
    excludedApps = Set.copyOf(excludedApps);
    Objects.requireNonNull(policies, "policies");
  }

  /** How passes behave under this configuration. */
  public PassSettings passSettings() {
    return PassSettings.defaults(managementGroup)
        .clustersToDeploy(clustersToDeploy.orElse(Set.of()))
        .excludedApps(excludedApps)
        .parallelism(parallelism)
        .requestTimeout(requestTimeout)
        .verify(verify)
        .policies(policies)
        .skipDeployment(skipDeployment)
        .prune(prune)
        .rollbackOnFailure(rollbackOnFailure)
        .failedRetryBackoff(failedRetryBackoff)
        .failedRetryBackoffCap(failedRetryBackoffMax)
        .leaseTtl(leaseTtl)
        .driftPolicy(driftPolicy)
        .pruneGrace(pruneGrace)
        .build();
  }

  /**
   * Where commit statuses go.
   *
   * @param provider {@code github}, {@code gitlab}, {@code gitea}, {@code forgejo} or {@code bitbucket}
   * @param repository {@code owner/name} (GitLab: {@code group/project} or its id)
   */
  public record CommitStatusAccess(String provider, URI apiUrl, String repository, Secret token) {
    @Override
    public String toString() {
      return provider + " " + Redaction.url(apiUrl.toString()) + " " + repository + " (token set)";
    }
  }

  /** The master key and the application passwords file (aspen-vault/README.md). */
  public record VaultFiles(Path keyFile, Path passwordsFile) {}

  /** The notifier endpoints (aspen-notify/README.md); all empty: the log notifier. */
  /**
   * @param recoveries whether recovery notices go to the error URL ({@code NOTIFY_RECOVERIES});
   *     the old tool sent none
   */
  public record Notifications(Optional<URI> deployment, Optional<URI> error, Optional<URI> recommendation,
      boolean recoveries) {
    public boolean any() {
      return deployment.isPresent() || error.isPresent() || recommendation.isPresent();
    }

    @Override
    public String toString() {
      return "deployment=" + show(deployment) + ", error=" + show(error) + ", recommendation=" + show(recommendation)
          + ", recoveries=" + (recoveries ? "sent" : "logged");
    }

    private static String show(Optional<URI> uri) {
      return uri.map(u -> Redaction.url(u.toString())).orElse("-");
    }
  }

  /**
   * Where the HTTP API listens, and the secrets that guard it.
   *
   * @param statusPage whether {@code GET /} serves the status page ({@code STATUS_PAGE})
   */
  public record Api(String bindAddress, int port, Optional<Secret> token, Optional<Secret> webhookSecret, boolean statusPage) {

    /** With the status page on, its default. */
    public Api(String bindAddress, int port, Optional<Secret> token, Optional<Secret> webhookSecret) {
      this(bindAddress, port, token, webhookSecret, true);
    }

    @Override
    public String toString() {
      return bindAddress + ":" + port + (token.isPresent() ? " (token required)" : " (no token)")
          + (webhookSecret.isPresent() ? " (webhooks on)" : " (webhooks off)") + (statusPage ? "" : " (no status page)");
    }
  }

  /** One line per setting, for the start-up log; no secret, no URL credentials. */
  @Override
  public String toString() {
    return String.join(", ", List.of(
        "runner=" + runnerName,
        "registry=" + registry.map(Object::toString).orElse("-"),
        "clone=" + registryClone,
        "clusterStatus=" + clusterStatus.map(Redaction::url).orElse("-") + (clusterStatusIsFile ? " (file)" : ""),
        "clusters=" + clustersToDeploy.map(Object::toString).orElse("all"),
        "vault=" + vault.map(Object::toString).orElse("-"),
        "registries=" + registries,
        "state=" + (redisUrl.isPresent() ? "redis" : "embedded in " + stateDir),
        "group=" + managementGroup,
        "parallelism=" + parallelism,
        "notifications=[" + notifications + "]",
        "commitStatuses=" + commitStatuses.map(Object::toString).orElse("-"),
        "verify=" + verify.attempts() + "x" + verify.delay().toSeconds() + "s",
        "requestTimeout=" + requestTimeout,
        "policies=" + PolicyName.describe(policies.enforced()),
        "frontEndRuleLabel=" + policies.frontEndRuleLabel(),
        "rootPathAllowed=" + policies.rootPathApplications(),
        "syncStartOnRun=" + syncStartOnRun,
        "delayBetweenRuns=" + delayBetweenRuns,
        "excluded=" + excludedApps,
        "skipDeployment=" + skipDeployment,
        "api=" + api,
        "failedRetryBackoff=" + failedRetryBackoff.map(Object::toString).orElse("off"),
        "rollbackOnFailure=" + rollbackOnFailure,
        "prune=" + prune,
        "configRotation=" + configRotation,
        "tagsRefresh=" + tagsRefresh,
        "registryConcurrency=" + registryConcurrency,
        "driftPolicy=" + driftPolicy,
        "pruneGrace=" + pruneGrace));
  }
}
