package se.kth.aspen.runner.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.VerifyPolicy;

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

  private static final Pattern SCP_LIKE = Pattern.compile("^[\\w.-]+@[\\w.-]+:.+");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

  private final Map<String, String> env;
  private final Path workingDirectory;
  private final List<String> problems = new ArrayList<>();

  private ConfigurationReader(Map<String, String> env, Path workingDirectory) {
    this.env = Map.copyOf(env);
    this.workingDirectory = workingDirectory;
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
    Optional<RegistryLocation> registry = text(Setting.REGISTRY_REPOSITORY_URL).flatMap(this::registryLocation);
    Path registryClone = text(Setting.REGISTRY_SUB_DIRECTORY).flatMap(t -> path(Setting.REGISTRY_SUB_DIRECTORY, t))
        .orElse(stateDir.resolve("registry"));
    boolean statusIsFile = anything(Setting.CLUSTER_STATUS_URL_IS_FILE);
    Optional<String> clusterStatus = text(Setting.CLUSTER_STATUS_API_URL).flatMap(t -> clusterStatus(t, statusIsFile));
    if (purpose == Purpose.PASSES) {
      if (text(Setting.REGISTRY_REPOSITORY_URL).isEmpty()) {
        problems.add("REGISTRY_REPOSITORY_URL is not set: name the application registry (a git URL or a local directory)");
      }
      if (text(Setting.CLUSTER_STATUS_API_URL).isEmpty()) {
        problems.add("CLUSTER_STATUS_API_URL is not set: name the cluster status API, or a JSON file with CLUSTER_STATUS_URL_IS_FILE=1");
      }
    }
    Optional<Set<String>> clusters = text(Setting.CLUSTERS_TO_DEPLOY).map(t -> names(t, ","));
    Optional<Configuration.VaultFiles> vault = vaultFiles();
    Optional<Configuration.DockerRegistryAccess> dockerRegistry = dockerRegistry();
    Optional<Secret> redis = text(Setting.REDIS_URL).flatMap(this::redisUrl);
    String group = text(Setting.MANAGEMENT_RES_GRP).orElse("default");
    int parallelism = integer(Setting.PARALLELISM, 5, 1, 256);
    Configuration.Notifications notifications = new Configuration.Notifications(
        httpUrl(Setting.SLACK_DEPLOYMENT_POST_URL), httpUrl(Setting.SLACK_ERROR_POST_URL),
        httpUrl(Setting.SLACK_RECOMMENDATION_POST_URL));
    int verifyTimes = integer(Setting.VERIFY_START_RETRY_TIMES, 5, 1, 10_000);
    Duration verifyDelay = duration(Setting.VERIFY_START_DELAY_SECS, Duration.ofSeconds(5));
    Duration requestTimeout = duration(Setting.REQUEST_TIMEOUT, Duration.ofSeconds(5));
    if (requestTimeout.isZero()) {
      problems.add("REQUEST_TIMEOUT must be more than 0");
    }
    Optional<String> knownHostEntry = text(Setting.KNOWN_HOST_ENTRY);
    Path knownHostFile = text(Setting.KNOWN_HOST_FILE).flatMap(t -> path(Setting.KNOWN_HOST_FILE, t))
        .orElse(Path.of("/root/.ssh/known_hosts"));
    String frontEndRuleLabel = text(Setting.FRONT_END_RULE_LABEL).orElse("traefik.frontend.rule");
    Set<String> rootPathAllowed = text(Setting.ROOT_PATH_ALLOWED_APPS).map(t -> names(t, "[;,]")).orElse(Set.of());
    boolean syncStartOnRun = anything(Setting.SYNC_START_ON_RUN);
    Duration delayBetweenRuns = duration(Setting.DELAY_SECS_BETWEEN_RUNS, Duration.ofSeconds(15));
    Set<String> excluded = text(Setting.EXCLUDED_APPS).map(t -> names(t, "[;,]")).orElse(Set.of());
    boolean skipDeployment = anything(Setting.SKIP_DEPLOYMENT);
    Configuration.Api api = new Configuration.Api(
        bindAddress(), integer(Setting.ASPEN_API_PORT, 3005, 0, 65535),
        text(Setting.API_TOKEN).map(Secret::of), text(Setting.WEBHOOK_SECRET).map(Secret::of));
    LogFormat logFormat = logFormat();
    Optional<Duration> backoff = text(Setting.FAILED_RETRY_BACKOFF).flatMap(t -> parseDuration(Setting.FAILED_RETRY_BACKOFF, t));
    Duration backoffMax = duration(Setting.FAILED_RETRY_BACKOFF_MAX, Duration.ofHours(6));
    backoff.filter(Duration::isZero).ifPresent(b -> problems.add("FAILED_RETRY_BACKOFF must be more than 0 (leave it unset to turn it off)"));
    boolean rollback = bool(Setting.ROLLBACK_ON_FAILURE);
    boolean prune = bool(Setting.PRUNE);
    Optional<Path> certPath = text(Setting.DOCKER_CERT_PATH).flatMap(t -> path(Setting.DOCKER_CERT_PATH, t));
    certPath.filter(p -> !Files.isDirectory(p))
        .ifPresent(p -> problems.add("DOCKER_CERT_PATH: " + p + " is not a directory"));
    Duration shutdownGrace = duration(Setting.SHUTDOWN_GRACE_SECS, Duration.ofSeconds(30));
    if (backoffMax.isZero()) {
      problems.add("FAILED_RETRY_BACKOFF_MAX must be more than 0");
    }
    if (backoff.isPresent() && backoffMax.compareTo(backoff.get()) < 0) {
      problems.add("FAILED_RETRY_BACKOFF_MAX (" + backoffMax + ") is shorter than FAILED_RETRY_BACKOFF (" + backoff.get() + ")");
    }

    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return new Configuration(registry, registryClone, clusterStatus, statusIsFile, clusters, vault,
        dockerRegistry, redis, group, parallelism, notifications, new VerifyPolicy(verifyTimes, verifyDelay),
        requestTimeout, knownHostEntry, knownHostFile, frontEndRuleLabel, rootPathAllowed, syncStartOnRun, delayBetweenRuns,
        excluded, skipDeployment, stateDir, api, logFormat, backoff, backoffMax, rollback, prune, certPath,
        shutdownGrace, sshDirectory());
  }

  private Optional<String> text(Setting setting) {
    String value = env.get(setting.name());
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** The old tool's flags: "set to anything to enable". */
  private boolean anything(Setting setting) {
    return text(setting).isPresent();
  }

  private boolean bool(Setting setting) {
    Optional<String> value = text(setting);
    if (value.isEmpty()) {
      return false;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> {
        problems.add(setting + ": \"" + value.get() + "\" is not true or false");
        yield false;
      }
    };
  }

  private int integer(Setting setting, int defaultValue, int min, int max) {
    Optional<String> value = text(setting);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      int number = Integer.parseInt(value.get());
      if (number < min || number > max) {
        problems.add(setting + ": " + number + " is outside " + min + ".." + max);
      }
      return number;
    } catch (NumberFormatException e) {
      problems.add(setting + ": \"" + value.get() + "\" is not a whole number");
      return defaultValue;
    }
  }

  private Duration duration(Setting setting, Duration defaultValue) {
    return text(setting).flatMap(t -> parseDuration(setting, t)).orElse(defaultValue);
  }

  /** Seconds as the old tool took them ({@code 15}), or with a unit: 500ms, 10s, 15m, 2h, 1d. */
  private Optional<Duration> parseDuration(Setting setting, String text) {
    var matcher = DURATION.matcher(text.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      problems.add(setting + ": \"" + text + "\" is not a duration (seconds, or a number with ms, s, m, h or d)");
      return Optional.empty();
    }
    try {
      long amount = Long.parseLong(matcher.group(1));
      String unit = matcher.group(2) == null ? "s" : matcher.group(2);
      return Optional.of(switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        case "d" -> Duration.ofDays(amount);
        default -> Duration.ofSeconds(amount);
      });
    } catch (NumberFormatException | ArithmeticException e) {
      problems.add(setting + ": \"" + text + "\" is too large");
      return Optional.empty();
    }
  }

  private Optional<Path> path(Setting setting, String text) {
    try {
      return Optional.of(workingDirectory.resolve(text).normalize());
    } catch (InvalidPathException e) {
      problems.add(setting + ": \"" + text + "\" is not a path (" + e.getReason() + ")");
      return Optional.empty();
    }
  }

  private Optional<Path> readableFile(Setting setting, String text) {
    Optional<Path> path = path(setting, text);
    path.filter(p -> !Files.isRegularFile(p) || !Files.isReadable(p))
        .ifPresent(p -> problems.add(setting + ": " + p + " is not a readable file"));
    return path;
  }

  private Path stateDir() {
    Optional<String> configured = text(Setting.ASPEN_STATE_DIR);
    if (configured.isPresent()) {
      return path(Setting.ASPEN_STATE_DIR, configured.get()).orElse(workingDirectory);
    }
    String home = env.get("HOME");
    if (home == null || home.isBlank()) {
      problems.add("ASPEN_STATE_DIR is not set and neither is HOME: say where Aspen may keep its state");
      return workingDirectory;
    }
    return Path.of(home, ".local", "state", "aspen");
  }

  private Path sshDirectory() {
    String home = env.get("HOME");
    return home == null || home.isBlank() ? knownHostDirectory() : Path.of(home, ".ssh");
  }

  private Path knownHostDirectory() {
    Path parent = Path.of(text(Setting.KNOWN_HOST_FILE).orElse("/root/.ssh/known_hosts")).toAbsolutePath().getParent();
    return parent == null ? workingDirectory : parent;
  }

  private Optional<RegistryLocation> registryLocation(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("ssh://")
        || lower.startsWith("git://") || lower.startsWith("file://") || SCP_LIKE.matcher(text).matches()) {
      return Optional.of(new RegistryLocation.GitRemote(text));
    }
    if (text.contains("://")) {
      problems.add("REGISTRY_REPOSITORY_URL: \"" + Redaction.url(text)
          + "\" has a scheme Aspen does not read (https, http, ssh, git, file, or a local directory)");
      return Optional.empty();
    }
    Optional<Path> path = path(Setting.REGISTRY_REPOSITORY_URL, text);
    if (path.isPresent() && !Files.isDirectory(path.get())) {
      problems.add("REGISTRY_REPOSITORY_URL: " + path.get() + " is neither a git URL nor an existing directory");
      return Optional.empty();
    }
    return path.map(RegistryLocation.LocalDirectory::new);
  }

  private Optional<String> clusterStatus(String text, boolean isFile) {
    if (isFile) {
      return readableFile(Setting.CLUSTER_STATUS_API_URL, text).map(Path::toString);
    }
    return httpUrl(Setting.CLUSTER_STATUS_API_URL, text).map(URI::toString);
  }

  private Optional<URI> httpUrl(Setting setting) {
    return text(setting).flatMap(t -> httpUrl(setting, t));
  }

  private Optional<URI> httpUrl(Setting setting, String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below, in the same words as a wrong scheme
    }
    problems.add(setting + ": \"" + Redaction.url(text) + "\" is not an http:// or https:// URL"
        + (setting == Setting.CLUSTER_STATUS_API_URL ? " (set CLUSTER_STATUS_URL_IS_FILE for a file)" : ""));
    return Optional.empty();
  }

  private Optional<Configuration.VaultFiles> vaultFiles() {
    Optional<String> key = text(Setting.VAULT_KEY_PATH);
    Optional<String> passwords = text(Setting.APP_PWD_FILE_PATH);
    if (key.isEmpty() && passwords.isEmpty()) {
      return Optional.empty();
    }
    if (key.isEmpty() || passwords.isEmpty()) {
      problems.add((key.isEmpty() ? "APP_PWD_FILE_PATH is set but VAULT_KEY_PATH is not"
          : "VAULT_KEY_PATH is set but APP_PWD_FILE_PATH is not") + ": the passwords file needs its key");
      return Optional.empty();
    }
    Optional<Path> keyFile = readableFile(Setting.VAULT_KEY_PATH, key.get());
    Optional<Path> passwordsFile = readableFile(Setting.APP_PWD_FILE_PATH, passwords.get());
    return keyFile.flatMap(k -> passwordsFile.map(p -> new Configuration.VaultFiles(k, p)));
  }

  private Optional<Configuration.DockerRegistryAccess> dockerRegistry() {
    Optional<URI> url = httpUrl(Setting.DOCKER_REGISTRY_URL);
    Optional<String> user = text(Setting.DOCKER_REGISTRY_USER);
    Optional<Secret> password = text(Setting.DOCKER_REGISTRY_PWD).map(Secret::of);
    if (user.isPresent() != password.isPresent()) {
      problems.add(user.isPresent() ? "DOCKER_REGISTRY_USER is set but DOCKER_REGISTRY_PWD is not"
          : "DOCKER_REGISTRY_PWD is set but DOCKER_REGISTRY_USER is not");
    }
    if (url.isEmpty() && text(Setting.DOCKER_REGISTRY_URL).isEmpty() && user.isPresent()) {
      problems.add("DOCKER_REGISTRY_USER is set but DOCKER_REGISTRY_URL is not");
    }
    return url.map(u -> new Configuration.DockerRegistryAccess(u, user, password));
  }

  /** {@code redis://...}, {@code rediss://...}, or a bare host[:port] as the old tool took it. */
  private Optional<Secret> redisUrl(String text) {
    String url = text.contains("://") ? text : "redis://" + text;
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("redis") || scheme.equals("rediss")) && uri.getHost() != null) {
        return Optional.of(Secret.of(url));
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.add("REDIS_URL: \"" + Redaction.url(text) + "\" is not redis://host:port, rediss://host:port or host[:port]");
    return Optional.empty();
  }

  private String bindAddress() {
    String address = text(Setting.ASPEN_API_BIND).orElse("0.0.0.0");
    if (address.chars().anyMatch(Character::isWhitespace) || address.contains("/")) {
      problems.add("ASPEN_API_BIND: \"" + address + "\" is not an address or host name");
    }
    return address;
  }

  private LogFormat logFormat() {
    String value = text(Setting.LOG_FORMAT).orElse("plain");
    try {
      return LogFormat.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add("LOG_FORMAT: \"" + value + "\" is neither plain nor json");
      return LogFormat.PLAIN;
    }
  }

  private static Set<String> names(String text, String separators) {
    return Arrays.stream(text.split(separators)).map(String::strip).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
