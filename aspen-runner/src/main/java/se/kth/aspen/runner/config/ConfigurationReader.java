package se.kth.aspen.runner.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import se.kth.aspen.core.pass.DriftPolicy;
import se.kth.aspen.core.policy.HostBindMode;
import se.kth.aspen.core.policy.PolicyName;
import se.kth.aspen.core.policy.PolicySettings;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.VerifyPolicy;
import se.kth.aspen.forge.ForgeCommitStatuses;
import se.kth.aspen.redis.RedisStateStore;
import se.kth.aspen.swarm.registry.Registries;
import se.kth.aspen.swarm.registry.RegistryLogin;

/**
 * Reads a {@link Configuration} from an environment map (the process environment with any
 * command-line overrides applied on top). Collects every problem before failing.
 */
public final class ConfigurationReader {

  /** What the configuration is for: passes need a registry and clusters, offline commands do not. */
  public enum Purpose {
    PASSES,
    OFFLINE
  }

  /** The value of {@code CLUSTERS_TO_DEPLOY} that asks for every cluster of the directory. */
  public static final String EVERY_CLUSTER = "*";

  private static final Pattern SCP_LIKE = Pattern.compile("^[\\w.-]+@[\\w.-]+:.+");

  private final Map<String, String> env;
  private final Path workingDirectory;
  private final SettingValues values;

  private ConfigurationReader(Map<String, String> env, Path workingDirectory) {
    List<String> fileProblems = new ArrayList<>();
    this.env = Map.copyOf(SecretFiles.resolve(env, workingDirectory, fileProblems::add));
    this.workingDirectory = workingDirectory;
    this.values = new SettingValues(this.env, workingDirectory);
    fileProblems.forEach(values::problem);
  }

  /**
   * Reads and validates the configuration.
   *
   * @param env environment names to values; blank values count as unset
   * @param workingDirectory what relative paths are resolved against
   * @throws ConfigurationException listing every problem found
   */
  public static Configuration read(Map<String, String> env, Path workingDirectory, Purpose purpose)
      throws ConfigurationException {
    Objects.requireNonNull(env, "env");
    return new ConfigurationReader(env, workingDirectory.toAbsolutePath()).read(purpose);
  }

  private Configuration read(Purpose purpose) throws ConfigurationException {
    Path stateDir = stateDir();
    Optional<RepositoryLocation> registry = values.text(Setting.REGISTRY_REPOSITORY_URL).flatMap(this::repositoryLocation);
    Path registryClone = values.text(Setting.REGISTRY_SUB_DIRECTORY).flatMap(t -> values.path(Setting.REGISTRY_SUB_DIRECTORY, t))
        .orElse(stateDir.resolve("registry"));
    boolean statusIsFile = values.anything(Setting.CLUSTER_STATUS_URL_IS_FILE);
    Optional<String> clusterStatus = values.text(Setting.CLUSTER_STATUS_API_URL).flatMap(t -> clusterStatus(t, statusIsFile));
    if (purpose == Purpose.PASSES) {
      if (values.text(Setting.REGISTRY_REPOSITORY_URL).isEmpty()) {
        values.problem("REGISTRY_REPOSITORY_URL is not set: name the application registry (a git URL or a local directory)");
      }
      if (values.text(Setting.CLUSTER_STATUS_API_URL).isEmpty()) {
        values.problem("CLUSTER_STATUS_API_URL is not set: name the cluster status API, or a JSON file with CLUSTER_STATUS_URL_IS_FILE=1");
      }
    }
    Optional<Set<String>> clusters = clustersToDeploy(purpose);
    Optional<Configuration.VaultFiles> vault = vaultFiles();
    Registries registries = registries();
    Optional<Secret> redis = values.text(Setting.REDIS_URL).flatMap(this::redisUrl);
    String group = values.text(Setting.MANAGEMENT_RES_GRP).orElse("default");
    int parallelism = values.integer(Setting.PARALLELISM, 5, 1, 256);
    Configuration.Notifications notifications = new Configuration.Notifications(
        values.httpUrl(Setting.SLACK_DEPLOYMENT_POST_URL), values.httpUrl(Setting.SLACK_ERROR_POST_URL),
        values.httpUrl(Setting.SLACK_RECOMMENDATION_POST_URL), values.bool(Setting.NOTIFY_RECOVERIES));
    int verifyTimes = values.integer(Setting.VERIFY_START_RETRY_TIMES, 5, 1, 10_000);
    Duration verifyDelay = values.duration(Setting.VERIFY_START_DELAY_SECS, Duration.ofSeconds(5));
    Duration requestTimeout = values.duration(Setting.REQUEST_TIMEOUT, Duration.ofSeconds(5));
    if (requestTimeout.isZero()) {
      values.problem("REQUEST_TIMEOUT must be more than 0");
    }
    // As the old tool: surrounding double quotes (left by env files that quote the value) are not part of the entry.
    Optional<String> knownHostEntry = values.text(Setting.KNOWN_HOST_ENTRY).map(t -> t.replaceAll("^\"+|\"+$", ""))
        .filter(t -> !t.isBlank());
    Path knownHostFile = values.text(Setting.KNOWN_HOST_FILE).flatMap(t -> values.path(Setting.KNOWN_HOST_FILE, t))
        .orElse(Path.of("/root/.ssh/known_hosts"));
    PolicySettings policies = policies();
    boolean syncStartOnRun = values.anything(Setting.SYNC_START_ON_RUN);
    Duration delayBetweenRuns = values.duration(Setting.DELAY_SECS_BETWEEN_RUNS, Duration.ofSeconds(15));
    Set<String> excluded = values.text(Setting.EXCLUDED_APPS).map(t -> names(t, "[;,]")).orElse(Set.of());
    boolean skipDeployment = values.anything(Setting.SKIP_DEPLOYMENT);
    Configuration.Api api = new Configuration.Api(
        bindAddress(), values.integer(Setting.ASPEN_API_PORT, 3005, 0, 65535),
        values.text(Setting.API_TOKEN).map(Secret::of), values.text(Setting.WEBHOOK_SECRET).map(Secret::of),
        values.text(Setting.STATUS_PAGE).isEmpty() || values.bool(Setting.STATUS_PAGE));
    LogFormat logFormat = logFormat();
    Optional<Duration> backoff = values.text(Setting.FAILED_RETRY_BACKOFF).flatMap(t -> values.parseDuration(Setting.FAILED_RETRY_BACKOFF, t));
    Duration backoffMax = values.duration(Setting.FAILED_RETRY_BACKOFF_MAX, Duration.ofHours(6));
    backoff.filter(Duration::isZero).ifPresent(b -> values.problem("FAILED_RETRY_BACKOFF must be more than 0 (leave it unset to turn it off)"));
    boolean rollback = values.bool(Setting.ROLLBACK_ON_FAILURE);
    boolean prune = values.bool(Setting.PRUNE);
    boolean configRotation = values.text(Setting.CONFIG_ROTATION).isEmpty() || values.bool(Setting.CONFIG_ROTATION);
    DriftPolicy driftPolicy = values.text(Setting.DRIFT_POLICY).map(t -> DriftPolicy.parse(t).orElseGet(() -> {
      values.problem("DRIFT_POLICY: \"" + t + "\" is not report, revert or ignore");
      return DriftPolicy.REPORT;
    })).orElse(DriftPolicy.REPORT);
    Duration pruneGrace = values.duration(Setting.PRUNE_GRACE, Duration.ofHours(1));
    Optional<Path> certPath = values.text(Setting.DOCKER_CERT_PATH).flatMap(t -> values.path(Setting.DOCKER_CERT_PATH, t));
    certPath.filter(p -> !Files.isDirectory(p))
        .ifPresent(p -> values.problem("DOCKER_CERT_PATH: " + p + " is not a directory"));
    Duration shutdownGrace = values.duration(Setting.SHUTDOWN_GRACE_SECS, Duration.ofSeconds(30));
    Duration leaseTtl = values.duration(Setting.LEASE_TTL_SECS, Duration.ofSeconds(30));
    if (values.text(Setting.LEASE_TTL_SECS).isPresent() && leaseTtl.compareTo(requestTimeout.multipliedBy(3)) < 0) {
      values.problem("LEASE_TTL_SECS (" + leaseTtl.toSeconds() + "s) must be at least three times REQUEST_TIMEOUT ("
          + requestTimeout.toMillis() + "ms): a lease is renewed every third of it, and a renewal may take a request timeout");
    }
    Duration tagsRefresh = values.duration(Setting.TAGS_REFRESH_SECS, Duration.ofSeconds(300));
    if (tagsRefresh.isZero()) {
      values.problem("TAGS_REFRESH_SECS must be more than 0");
    }
    int registryConcurrency = values.integer(Setting.REGISTRY_CONCURRENCY, 8, 1, 256);
    if (backoffMax.isZero()) {
      values.problem("FAILED_RETRY_BACKOFF_MAX must be more than 0");
    }
    if (backoff.isPresent() && backoffMax.compareTo(backoff.get()) < 0) {
      values.problem("FAILED_RETRY_BACKOFF_MAX (" + backoffMax + ") is shorter than FAILED_RETRY_BACKOFF (" + backoff.get() + ")");
    }

    Optional<Configuration.CommitStatusAccess> commitStatuses = commitStatuses();
    if (!values.problems().isEmpty()) {
      throw new ConfigurationException(values.problems());
    }
    return new Configuration(registry, registryClone, clusterStatus, statusIsFile, clusters, vault,
        registries, redis, group, parallelism, notifications, new VerifyPolicy(verifyTimes, verifyDelay),
        requestTimeout, knownHostEntry, knownHostFile, policies, syncStartOnRun, delayBetweenRuns,
        excluded, skipDeployment, stateDir, api, logFormat, backoff, backoffMax, rollback, prune, configRotation, driftPolicy, pruneGrace, certPath,
        shutdownGrace, leaseTtl, sshDirectory(), tagsRefresh, registryConcurrency, runnerName(), commitStatuses,
        values.httpUrl(Setting.ASPEN_PUBLIC_URL));
  }

  /**
   * COMMIT_STATUS_*: the forge, its API (default: from the registry URL's host), the repository
   * (default: the registry URL's path) and the token (or the file holding it).
   */
  private Optional<Configuration.CommitStatusAccess> commitStatuses() {
    Optional<String> name = values.text(Setting.COMMIT_STATUS_PROVIDER);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    ForgeCommitStatuses.Provider provider;
    try {
      provider = ForgeCommitStatuses.Provider.parse(name.get());
    } catch (IllegalArgumentException e) {
      values.problem("COMMIT_STATUS_PROVIDER: " + e.getMessage());
      return Optional.empty();
    }
    Optional<String> remote = values.text(Setting.REGISTRY_REPOSITORY_URL);
    Optional<URI> api = values.text(Setting.COMMIT_STATUS_API_URL).isPresent() ? values.httpUrl(Setting.COMMIT_STATUS_API_URL)
        : remote.flatMap(r -> ForgeCommitStatuses.defaultApiUrl(provider, r));
    if (api.isEmpty() && values.text(Setting.COMMIT_STATUS_API_URL).isEmpty()) {
      values.problem("COMMIT_STATUS_API_URL is not set and REGISTRY_REPOSITORY_URL names no forge host: name the forge's API");
    }
    Optional<String> repository = values.text(Setting.COMMIT_STATUS_REPO).or(() -> remote.flatMap(ForgeCommitStatuses::repositoryOf));
    if (repository.isEmpty()) {
      values.problem("COMMIT_STATUS_REPO is not set and REGISTRY_REPOSITORY_URL names no repository: name it (owner/name)");
    }
    Optional<Secret> token = values.text(Setting.COMMIT_STATUS_TOKEN).map(Secret::of);
    if (token.isEmpty()) {
      values.problem("COMMIT_STATUS_TOKEN (or COMMIT_STATUS_TOKEN_FILE) is not set: the forge needs a token to post statuses");
    }
    if (api.isEmpty() || repository.isEmpty() || token.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Configuration.CommitStatusAccess(provider.name().toLowerCase(java.util.Locale.ROOT), api.get(),
        repository.get(), token.get()));
  }

  /**
   * {@code POLICIES} and each policy's values; every wrong value is a problem naming its setting.
   * The front-end rule label is read even when that policy is not enforced: notices use it too.
   */
  private PolicySettings policies() {
    PolicySettings policies = PolicySettings.DEFAULT;
    Optional<String> label = values.text(Setting.FRONT_END_RULE_LABEL);
    if (label.isPresent()) {
      policies = policies.withFrontEndRuleLabel(label.get());
    }
    policies = policies.withRootPathApplications(
        values.text(Setting.ROOT_PATH_ALLOWED_APPS).map(t -> names(t, "[;,]")).orElse(Set.of()));
    policies = policyValue(policies, Setting.POLICIES, (p, t) -> p.withEnforced(PolicyName.parse(t)));
    policies = policyValue(policies, Setting.LOGGING_POLICY_OPTIONS, (p, t) -> p.withLoggingOptions(List.copyOf(names(t, "[;,]"))));
    policies = policyValue(policies, Setting.RESTART_POLICY_KEYS, (p, t) -> p.withRestartKeys(List.copyOf(names(t, "[;,]"))));
    policies = policyValue(policies, Setting.RESOURCE_POLICY_KEYS, (p, t) -> p.withResourceKeys(List.copyOf(names(t, "[;,]"))));
    policies = policyValue(policies, Setting.HOST_BIND_POLICY, (p, t) -> p.withHostBindMode(HostBindMode.parse(t)
        .orElseThrow(() -> new IllegalArgumentException("\"" + t + "\" is not warn, deny or allow"))));
    policies = policyValue(policies, Setting.HOST_BIND_ALLOW, (p, t) -> p.withHostBindAllowed(
        java.util.Arrays.stream(t.split("[;,]")).map(String::strip).filter(w -> !w.isEmpty()).toList()));
    Optional<String> hostBinds = values.text(Setting.HOST_BIND_POLICY);
    if (hostBinds.isPresent() && policies.hostBindMode() != HostBindMode.ALLOW && !policies.enforces(PolicyName.HOST_BIND)) {
      // Never a silently weaker check: the operator asked for host binds to be looked at.
      values.problem(Setting.HOST_BIND_POLICY.name() + ": " + policies.hostBindMode() + " needs the host-bind policy, which "
          + "POLICIES leaves out (" + PolicyName.describe(policies.enforced()) + ")");
    }
    return policies;
  }

  private PolicySettings policyValue(PolicySettings policies, Setting setting,
      BiFunction<PolicySettings, String, PolicySettings> apply) {
    Optional<String> text = values.text(setting);
    if (text.isEmpty()) {
      return policies;
    }
    try {
      return apply.apply(policies, text.get());
    } catch (IllegalArgumentException e) {
      values.problem(setting.name() + ": " + e.getMessage());
      return policies;
    }
  }

  /**
   * The clusters to deploy to; empty for every cluster of the directory, which must be asked for
   * with {@code *}. Unset is refused for passes: the old tool deployed nothing without it, and a
   * runner switched over with its old environment must not start deploying everywhere.
   */
  private Optional<Set<String>> clustersToDeploy(Purpose purpose) {
    Optional<String> text = values.text(Setting.CLUSTERS_TO_DEPLOY);
    if (text.isEmpty()) {
      if (purpose == Purpose.PASSES) {
        values.problem("CLUSTERS_TO_DEPLOY is not set: name the clusters to deploy to (e.g. CLUSTERS_TO_DEPLOY=active,stage),"
            + " or * for every cluster of the directory (the old tool deployed nothing without it)");
      }
      return Optional.empty();
    }
    Set<String> names = names(text.get(), ",");
    if (names.contains(EVERY_CLUSTER)) {
      if (names.size() > 1) {
        values.problem("CLUSTERS_TO_DEPLOY: * means every cluster and cannot be listed with names (" + text.get() + ")");
      }
      return Optional.empty();
    }
    if (names.isEmpty()) {
      values.problem("CLUSTERS_TO_DEPLOY: \"" + text.get() + "\" names no cluster");
    }
    return Optional.of(names);
  }

  private Path stateDir() {
    Optional<String> configured = values.text(Setting.ASPEN_STATE_DIR);
    if (configured.isPresent()) {
      return values.path(Setting.ASPEN_STATE_DIR, configured.get()).orElse(workingDirectory);
    }
    String home = env.get("HOME");
    if (home == null || home.isBlank()) {
      values.problem("ASPEN_STATE_DIR is not set and neither is HOME: say where Aspen may keep its state");
      return workingDirectory;
    }
    return Path.of(home, ".local", "state", "aspen");
  }

  private String runnerName() {
    Optional<String> given = values.text(Setting.ASPEN_RUNNER_NAME);
    if (given.isPresent()) {
      if (given.get().length() > 100 || given.get().chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
        values.problem("ASPEN_RUNNER_NAME: \"" + given.get() + "\" must be at most 100 characters, without spaces");
      }
      return given.get();
    }
    return RunnerName.ofThisProcess(env);
  }

  private Path sshDirectory() {
    String home = env.get("HOME");
    return home == null || home.isBlank() ? knownHostDirectory() : Path.of(home, ".ssh");
  }

  private Path knownHostDirectory() {
    Path parent = Path.of(values.text(Setting.KNOWN_HOST_FILE).orElse("/root/.ssh/known_hosts")).toAbsolutePath().getParent();
    return parent == null ? workingDirectory : parent;
  }

  private Optional<RepositoryLocation> repositoryLocation(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("ssh://")
        || lower.startsWith("git://") || lower.startsWith("file://") || SCP_LIKE.matcher(text).matches()) {
      return Optional.of(new RepositoryLocation.GitRemote(text));
    }
    if (text.contains("://")) {
      values.problem("REGISTRY_REPOSITORY_URL: \"" + Redaction.url(text)
          + "\" has a scheme Aspen does not read (https, http, ssh, git, file, or a local directory)");
      return Optional.empty();
    }
    Optional<Path> path = values.path(Setting.REGISTRY_REPOSITORY_URL, text);
    if (path.isPresent() && !Files.isDirectory(path.get())) {
      values.problem("REGISTRY_REPOSITORY_URL: " + path.get() + " is neither a git URL nor an existing directory");
      return Optional.empty();
    }
    return path.map(RepositoryLocation.LocalDirectory::new);
  }

  private Optional<String> clusterStatus(String text, boolean isFile) {
    if (isFile) {
      return values.readableFile(Setting.CLUSTER_STATUS_API_URL, text).map(Path::toString);
    }
    return values.httpUrl(Setting.CLUSTER_STATUS_API_URL, text).map(URI::toString);
  }

  private Optional<Configuration.VaultFiles> vaultFiles() {
    Optional<String> key = values.text(Setting.VAULT_KEY_PATH);
    Optional<String> passwords = values.text(Setting.APP_PWD_FILE_PATH);
    if (key.isEmpty() && passwords.isEmpty()) {
      return Optional.empty();
    }
    if (key.isEmpty() || passwords.isEmpty()) {
      values.problem((key.isEmpty() ? "APP_PWD_FILE_PATH is set but VAULT_KEY_PATH is not"
          : "VAULT_KEY_PATH is set but APP_PWD_FILE_PATH is not") + ": the passwords file needs its key");
      return Optional.empty();
    }
    Optional<Path> keyFile = values.readableFile(Setting.VAULT_KEY_PATH, key.get());
    Optional<Path> passwordsFile = values.readableFile(Setting.APP_PWD_FILE_PATH, passwords.get());
    return keyFile.flatMap(k -> passwordsFile.map(p -> new Configuration.VaultFiles(k, p)));
  }

  /**
   * DOCKER_REGISTRY_* (the registry of images without a host), AZURE_REGISTRY_* (an Azure
   * Container Registry, as the Python tool knew it) and the logins of $DOCKER_CONFIG/config.json.
   */
  private Registries registries() {
    Registries registries = Registries.none();
    Optional<URI> url = values.httpUrl(Setting.DOCKER_REGISTRY_URL);
    Optional<RegistryLogin> login = login(Setting.DOCKER_REGISTRY_USER, Setting.DOCKER_REGISTRY_PWD);
    if (url.isEmpty() && values.text(Setting.DOCKER_REGISTRY_URL).isEmpty() && login.isPresent()) {
      values.problem("DOCKER_REGISTRY_USER is set but DOCKER_REGISTRY_URL is not");
    }
    try {
      if (url.isPresent()) {
        registries = registries.withPrimary(url.get(), login);
      }
      Optional<String> azure = values.text(Setting.AZURE_REGISTRY_URL);
      Optional<RegistryLogin> azureLogin = login(Setting.AZURE_REGISTRY_USER, Setting.AZURE_REGISTRY_PWD);
      if (azure.isPresent() && azureLogin.isEmpty()) {
        values.problem("AZURE_REGISTRY_URL is set but AZURE_REGISTRY_USER and AZURE_REGISTRY_PWD are not: ACR's tag listing needs them");
      } else if (azure.isEmpty() && azureLogin.isPresent()) {
        values.problem("AZURE_REGISTRY_USER is set but AZURE_REGISTRY_URL is not");
      } else if (azure.isPresent()) {
        registries = registries.withAzure(URI.create(azure.get().strip()), azureLogin.get());
      }
    } catch (IllegalArgumentException e) {
      values.problem(e.getMessage());
    }
    Optional<Path> dockerConfig = values.text(Setting.DOCKER_CONFIG).flatMap(t -> values.path(Setting.DOCKER_CONFIG, t));
    if (dockerConfig.isPresent()) {
      try {
        registries = registries.withDockerConfig(dockerConfig.get().resolve("config.json"));
      } catch (IllegalArgumentException e) {
        values.problem("DOCKER_CONFIG: " + e.getMessage());
      }
    }
    return registries;
  }

  /** A user and password set together, or neither; the problem says which one is missing. */
  private Optional<RegistryLogin> login(Setting user, Setting password) {
    Optional<String> name = values.text(user);
    Optional<Secret> secret = values.text(password).map(Secret::of);
    if (name.isPresent() != secret.isPresent()) {
      values.problem(name.isPresent() ? user + " is set but " + password + " is not"
          : password + " is set but " + user + " is not");
      return Optional.empty();
    }
    try {
      return name.map(n -> new RegistryLogin(n, secret.orElseThrow()));
    } catch (IllegalArgumentException e) {
      values.problem(user + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Read by aspen-redis's own parser, the one the store connects with. */
  private Optional<Secret> redisUrl(String text) {
    try {
      return Optional.of(Secret.of(RedisStateStore.checkedUrl(text)));
    } catch (IllegalArgumentException e) {
      values.problem(e.getMessage());
      return Optional.empty();
    }
  }

  private String bindAddress() {
    String address = values.text(Setting.ASPEN_API_BIND).orElse("0.0.0.0");
    if (address.chars().anyMatch(Character::isWhitespace) || address.contains("/")) {
      values.problem("ASPEN_API_BIND: \"" + address + "\" is not an address or host name");
    }
    return address;
  }

  private LogFormat logFormat() {
    String value = values.text(Setting.LOG_FORMAT).orElse("plain");
    try {
      return LogFormat.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      values.problem("LOG_FORMAT: \"" + value + "\" is neither plain nor json");
      return LogFormat.PLAIN;
    }
  }

  private static Set<String> names(String text, String separators) {
    return Arrays.stream(text.split(separators)).map(String::strip).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
