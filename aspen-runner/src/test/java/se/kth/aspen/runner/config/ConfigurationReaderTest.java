package se.kth.aspen.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.kth.aspen.core.policy.PolicyName;
import se.kth.aspen.core.policy.PolicySettings;
import se.kth.aspen.runner.config.ConfigurationReader.Purpose;

class ConfigurationReaderTest {

  @TempDir Path dir;

  private Map<String, String> minimal() throws IOException {
    return MinimalEnvironment.in(dir);
  }

  private Configuration read(Map<String, String> env) throws ConfigurationException {
    return ConfigurationReader.read(env, dir, Purpose.PASSES);
  }

  @Test
  void unsetNamesTakeTheOldToolsDefaults() throws Exception {
    Configuration c = read(minimal());
    assertThat(c.parallelism()).isEqualTo(5);
    assertThat(c.verify().attempts()).isEqualTo(5);
    assertThat(c.verify().delay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.delayBetweenRuns()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.policies()).isEqualTo(PolicySettings.DEFAULT);
    assertThat(c.knownHostFile()).isEqualTo(Path.of("/root/.ssh/known_hosts"));
    assertThat(c.syncStartOnRun()).isFalse();
    assertThat(c.skipDeployment()).isFalse();
    assertThat(c.api().port()).isEqualTo(3005);
    assertThat(c.api().bindAddress()).isEqualTo("0.0.0.0");
    assertThat(c.api().token()).isEmpty();
    assertThat(c.logFormat()).isEqualTo(LogFormat.PLAIN);
    assertThat(c.failedRetryBackoff()).isEmpty();
    assertThat(c.rollbackOnFailure()).isFalse();
    assertThat(c.prune()).isFalse();
    assertThat(c.redisUrl()).isEmpty();
    assertThat(c.stateDir()).isEqualTo(dir.resolve("home/.local/state/aspen"));
    assertThat(c.registryClone()).isEqualTo(dir.resolve("home/.local/state/aspen/registry"));
    assertThat(c.registry()).contains(new RepositoryLocation.LocalDirectory(dir));
    assertThat(c.clustersToDeploy()).isEmpty();
    assertThat(c.passSettings().leaseTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.tagsRefresh()).isEqualTo(Duration.ofSeconds(300));
    assertThat(c.registryConcurrency()).isEqualTo(8);
  }

  @Test
  void theTagRefreshAndRegistryConcurrencyAreSetAndChecked() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(minimal());
    env.put("TAGS_REFRESH_SECS", "10m");
    env.put("REGISTRY_CONCURRENCY", "3");
    assertThat(read(env).tagsRefresh()).isEqualTo(Duration.ofMinutes(10));
    assertThat(read(env).registryConcurrency()).isEqualTo(3);

    env.put("TAGS_REFRESH_SECS", "0");
    env.put("REGISTRY_CONCURRENCY", "0");
    assertThatThrownBy(() -> read(env))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(2)
            .anySatisfy(p -> assertThat(p).startsWith("TAGS_REFRESH_SECS must be more than 0"))
            .anySatisfy(p -> assertThat(p).startsWith("REGISTRY_CONCURRENCY")));
  }

  @Test
  void policiesAreChosenByNameWithTheirValues() throws Exception {
    Map<String, String> env = minimal();
    env.put("POLICIES", "resources, Logging");
    env.put("LOGGING_POLICY_OPTIONS", "max-size;compress");
    env.put("RESTART_POLICY_KEYS", "condition");
    env.put("RESOURCE_POLICY_KEYS", "limits.memory");
    env.put("FRONT_END_RULE_LABEL", "traefik.http.routers.web.rule");
    env.put("ROOT_PATH_ALLOWED_APPS", "portal;www");
    PolicySettings policies = read(env).passSettings().policies();
    assertThat(policies.enforced()).containsExactly(PolicyName.LOGGING, PolicyName.RESOURCES);
    assertThat(policies.loggingOptions()).containsExactly("max-size", "compress");
    assertThat(policies.restartKeys()).containsExactly("condition");
    assertThat(policies.resourceKeys()).containsExactly("limits.memory");
    assertThat(policies.frontEndRuleLabel()).isEqualTo("traefik.http.routers.web.rule");
    assertThat(policies.rootPathApplications()).containsExactlyInAnyOrder("portal", "www");

    env.put("POLICIES", "none");
    assertThat(read(env).policies().enforced()).isEmpty();
  }

  @Test
  void aPolicyNameOrValueThatDoesNotExistIsAConfigurationError() throws Exception {
    Map<String, String> env = minimal();
    env.put("POLICIES", "replicas,loging");
    env.put("RESTART_POLICY_KEYS", "condition,retries");
    env.put("RESOURCE_POLICY_KEYS", "limits.disk");
    assertThatThrownBy(() -> read(env))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactly(
            "POLICIES: \"loging\" is not a policy (the policies are replicas, logging, restart, resources, front-end-rule, host-bind, or none)",
            "RESTART_POLICY_KEYS: \"retries\" is not a restart_policy key (they are condition, delay, max_attempts, window)",
            "RESOURCE_POLICY_KEYS: \"limits.disk\" is not a resources value (they are limits.cpus, limits.memory, "
                + "reservations.cpus, reservations.memory)"));
  }

  @Test
  void commitStatusesTakeTheirApiAndRepositoryFromTheRegistryUrlAndTheTokenFromAFile() throws Exception {
    Map<String, String> env = new HashMap<>(minimal());
    env.put("REGISTRY_REPOSITORY_URL", "git@github.com:kth/app-registry.git");
    env.put("COMMIT_STATUS_PROVIDER", "GitHub");
    env.put("COMMIT_STATUS_TOKEN_FILE", Files.writeString(dir.resolve("token"), "ghp_secret\n").toString());
    env.put("ASPEN_PUBLIC_URL", "https://aspen.example.org");

    Configuration c = read(env);

    assertThat(c.commitStatuses()).hasValueSatisfying(a -> {
      assertThat(a.provider()).isEqualTo("github");
      assertThat(a.apiUrl()).isEqualTo(java.net.URI.create("https://api.github.com"));
      assertThat(a.repository()).isEqualTo("kth/app-registry");
      assertThat(a.token().text()).isEqualTo("ghp_secret");
    });
    assertThat(c.publicUrl()).contains(java.net.URI.create("https://aspen.example.org"));
    assertThat(c.toString()).doesNotContain("ghp_secret");
  }

  @Test
  void commitStatusesWithoutTokenOrRepositoryAreConfigurationErrors() throws Exception {
    Map<String, String> env = new HashMap<>(minimal());
    env.put("COMMIT_STATUS_PROVIDER", "gitlab");

    assertThatThrownBy(() -> read(env))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactly(
            "COMMIT_STATUS_API_URL is not set and REGISTRY_REPOSITORY_URL names no forge host: name the forge's API",
            "COMMIT_STATUS_REPO is not set and REGISTRY_REPOSITORY_URL names no repository: name it (owner/name)",
            "COMMIT_STATUS_TOKEN (or COMMIT_STATUS_TOKEN_FILE) is not set: the forge needs a token to post statuses"));

    env.put("COMMIT_STATUS_PROVIDER", "svn");
    assertThatThrownBy(() -> read(env)).satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactly(
        "COMMIT_STATUS_PROVIDER: \"svn\" is no forge Aspen knows: github, gitlab, gitea, forgejo or bitbucket"));
  }

  @Test
  void theLeaseTtlIsSetAndMustOutliveThreeRequestTimeouts() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(minimal());
    env.put("LEASE_TTL_SECS", "90");
    assertThat(read(env).passSettings().leaseTtl()).isEqualTo(Duration.ofSeconds(90));

    env.put("LEASE_TTL_SECS", "12");
    assertThatThrownBy(() -> read(env))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactly(
            "LEASE_TTL_SECS (12s) must be at least three times REQUEST_TIMEOUT (5000ms): a lease is renewed every third of it,"
                + " and a renewal may take a request timeout"));
  }

  @Test
  void aBadConfigurationListsEveryProblemAtOnce() {
    Map<String, String> env = Map.of(
        "HOME", dir.toString(),
        "CLUSTERS_TO_DEPLOY", "*",
        "PARALLELISM", "many",
        "VERIFY_START_RETRY_TIMES", "0",
        "REQUEST_TIMEOUT", "5 minutes",
        "LOG_FORMAT", "xml",
        "ROLLBACK_ON_FAILURE", "perhaps",
        "REDIS_URL", "http://redis:6379",
        "VAULT_KEY_PATH", dir.resolve("missing.key").toString());

    assertThatThrownBy(() -> read(env))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactlyInAnyOrder(
            "REGISTRY_REPOSITORY_URL is not set: name the application registry (a git URL or a local directory)",
            "CLUSTER_STATUS_API_URL is not set: name the cluster status API, or a JSON file with CLUSTER_STATUS_URL_IS_FILE=1",
            "PARALLELISM: \"many\" is not a whole number",
            "VERIFY_START_RETRY_TIMES: 0 is outside 1..10000",
            "REQUEST_TIMEOUT: \"5 minutes\" is not a duration (seconds, or a number with ms, s, m, h or d)",
            "LOG_FORMAT: \"xml\" is neither plain nor json",
            "ROLLBACK_ON_FAILURE: \"perhaps\" is not true or false",
            "REDIS_URL \"http://redis:6379\" must start with redis:// or rediss://",
            "VAULT_KEY_PATH is set but APP_PWD_FILE_PATH is not: the passwords file needs its key"))
        .hasMessageStartingWith("bad configuration (9 problems):\n  - ");
  }

  @Test
  void offlineCommandsNeedNoRegistryNorClusters() throws Exception {
    Configuration c = ConfigurationReader.read(Map.of("HOME", dir.toString()), dir, Purpose.OFFLINE);
    assertThat(c.registry()).isEmpty();
  }

  @Test
  void secretsNeverShowInToString() throws Exception {
    Map<String, String> env = minimal();
    env.put("API_TOKEN", "tok-123-secret");
    env.put("WEBHOOK_SECRET", "hook-456-secret");
    env.put("DOCKER_REGISTRY_URL", "https://registry.example.org");
    env.put("DOCKER_REGISTRY_USER", "deployer");
    env.put("DOCKER_REGISTRY_PWD", "pwd-789-secret");
    env.put("REDIS_URL", "redis://:redis-000-secret@redis:6379");
    env.put("SLACK_ERROR_POST_URL", "https://hook:notify-111-secret@alvares.example.org/error");

    String shown = read(env).toString();

    assertThat(shown).doesNotContain("secret").contains("deployer").contains("token required")
        .contains("https://***@alvares.example.org/error");
  }

  @Test
  void everyRegistryGetsItsOwnLoginFromTheOldPairsAndDockerConfig() throws Exception {
    Path dockerConfig = Files.createDirectories(dir.resolve("docker"));
    Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\": {\"127.0.0.1:5001\": {\"auth\": \""
        + java.util.Base64.getEncoder().encodeToString("second:second-222-secret".getBytes()) + "\"}}}");
    Map<String, String> env = minimal();
    env.put("DOCKER_REGISTRY_URL", "https://registry.example.org");
    env.put("DOCKER_REGISTRY_USER", "deployer");
    env.put("DOCKER_REGISTRY_PWD", "pwd-789-secret");
    env.put("AZURE_REGISTRY_URL", "https://kthregistry.azurecr.io/");
    env.put("AZURE_REGISTRY_USER", "azure-deployer");
    env.put("AZURE_REGISTRY_PWD", "azure-333-secret");
    env.put("DOCKER_CONFIG", dockerConfig.toString());

    Configuration c = read(env);

    assertThat(c.registries().loginFor("registry.example.org").map(l -> l.user())).contains("deployer");
    assertThat(c.registries().loginFor("kthregistry.azurecr.io").map(l -> l.user())).contains("azure-deployer");
    assertThat(c.registries().loginFor("127.0.0.1:5001").map(l -> l.user())).contains("second");
    assertThat(c.toString()).contains("azure-deployer", "ACR tag listing").doesNotContain("secret");
  }

  @Test
  void unusableRegistrySettingsAreProblemsNamingTheSetting() throws Exception {
    Path emptyDir = Files.createDirectories(dir.resolve("no-config"));
    Map<String, String> env = minimal();
    env.put("AZURE_REGISTRY_URL", "https://kthregistry.azurecr.io");
    env.put("AZURE_REGISTRY_USER", "azure-deployer");
    env.put("DOCKER_CONFIG", emptyDir.toString());

    assertThatThrownBy(() -> read(env)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("AZURE_REGISTRY_USER is set but AZURE_REGISTRY_PWD is not")
        .hasMessageContaining("DOCKER_CONFIG: " + emptyDir.resolve("config.json") + " does not exist");
  }

  @Test
  void aGitUrlWithATokenIsShownWithoutIt() throws Exception {
    Map<String, String> env = minimal();
    env.put("REGISTRY_REPOSITORY_URL", "https://x-access-token:ghp_abc@github.com/org/registry.git");
    Configuration c = read(env);
    assertThat(c.registry()).containsInstanceOf(RepositoryLocation.GitRemote.class);
    assertThat(c.toString()).contains("https://***@github.com/org/registry.git").doesNotContain("ghp_abc");
  }

  @ParameterizedTest(name = "{0} is a {1}")
  @CsvSource({
      "https://github.com/org/registry.git, GitRemote",
      "ssh://git@github.com/org/registry.git, GitRemote",
      "git@github.com:org/registry.git, GitRemote",
      "file:///srv/registry.git, GitRemote",
      ".,LocalDirectory"})
  void registryLocationsOfEveryAcceptedForm(String url, String kind) throws Exception {
    Map<String, String> env = minimal();
    env.put("REGISTRY_REPOSITORY_URL", url);
    assertThat(read(env).registry().orElseThrow().getClass().getSimpleName()).isEqualTo(kind);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"15, PT15S", "500ms, PT0.5S", "10s, PT10S", "15m, PT15M", "2h, PT2H", "1d, PT24H"})
  void durationsAreSecondsOrCarryAUnit(String text, Duration expected) throws Exception {
    Map<String, String> env = minimal();
    env.put("DELAY_SECS_BETWEEN_RUNS", text);
    assertThat(read(env).delayBetweenRuns()).isEqualTo(expected);
  }

  @Test
  void theOldToolsSetToAnythingFlagsAndListSeparators() throws Exception {
    Map<String, String> env = minimal();
    env.put("SYNC_START_ON_RUN", "x");
    env.put("SKIP_DEPLOYMENT", "1");
    env.put("EXCLUDED_APPS", "app-a; app-b,app-c");
    env.put("CLUSTERS_TO_DEPLOY", "active, stage");
    env.put("REDIS_URL", "redis");
    env.put("FAILED_RETRY_BACKOFF", "15m");
    Configuration c = read(env);
    assertThat(c.syncStartOnRun()).isTrue();
    assertThat(c.skipDeployment()).isTrue();
    assertThat(c.excludedApps()).containsExactlyInAnyOrder("app-a", "app-b", "app-c");
    assertThat(c.clustersToDeploy()).contains(Set.of("active", "stage"));
    assertThat(c.redisUrl().map(s -> s.text())).isEqualTo(Optional.of("redis://redis"));
    assertThat(c.failedRetryBackoff()).contains(Duration.ofMinutes(15));
    assertThat(c.passSettings().failedRetryBackoff()).contains(Duration.ofMinutes(15));
    assertThat(c.passSettings().skipDeployment()).isTrue();
  }

  @Test
  void unsetClustersToDeployIsRefusedForPassesNeverEveryCluster() throws Exception {
    Map<String, String> env = minimal();
    env.remove("CLUSTERS_TO_DEPLOY");

    assertThatThrownBy(() -> read(env))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactly(
            "CLUSTERS_TO_DEPLOY is not set: name the clusters to deploy to (e.g. CLUSTERS_TO_DEPLOY=active,stage),"
                + " or * for every cluster of the directory (the old tool deployed nothing without it)"));
    assertThat(ConfigurationReader.read(env, dir, Purpose.OFFLINE).clustersToDeploy()).isEmpty();
  }

  @Test
  void aStarAsksForEveryClusterAndStandsAlone() throws Exception {
    Map<String, String> env = minimal();
    env.put("CLUSTERS_TO_DEPLOY", " * ");
    Configuration every = read(env);
    assertThat(every.clustersToDeploy()).isEmpty();
    assertThat(every.passSettings().clustersToDeploy()).isEmpty();

    env.put("CLUSTERS_TO_DEPLOY", "active,*");
    assertThatThrownBy(() -> read(env)).hasMessageContaining("CLUSTERS_TO_DEPLOY: * means every cluster and cannot be listed with names");
    env.put("CLUSTERS_TO_DEPLOY", ",");
    assertThatThrownBy(() -> read(env)).hasMessageContaining("CLUSTERS_TO_DEPLOY: \",\" names no cluster");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\"",
      "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
      "\"\"github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\"",
  })
  void aKnownHostEntryLosesItsSurroundingQuotesAsInTheOldTool(String written) throws Exception {
    Map<String, String> env = minimal();
    env.put("KNOWN_HOST_ENTRY", written);

    assertThat(read(env).knownHostEntry())
        .contains("github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl");
  }
}
