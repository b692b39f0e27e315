package se.kth.aspen.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.kth.aspen.runner.config.Setting;

class CliTest {

  @TempDir Path dir;

  private Map<String, String> env() {
    return Map.of("HOME", dir.toString());
  }

  @Test
  void helpShowsTheCommandsExamplesAndEveryEnvironmentNameWithItsDefault() {
    CliRun run = CliRun.of(env(), dir, "--help");

    assertThat(run.exitCode).isZero();
    assertThat(run.out()).contains("Usage: aspen", "run", "plan", "validate", "vault", "Examples:",
        "aspen run --once --registry examples/registry", "PARALLELISM  [default: 5]",
        "DELAY_SECS_BETWEEN_RUNS  [default: 15]", "KNOWN_HOST_FILE  [default: /root/.ssh/known_hosts]",
        "FRONT_END_RULE_LABEL  [default: traefik.frontend.rule]", "Exit codes:");
    for (Setting setting : Setting.values()) {
      assertThat(run.out()).contains("  " + setting.name());
    }
    assertThat(run.out()).contains("(or API_TOKEN_FILE: a file holding it)", "(or REDIS_URL_FILE: a file holding it)");
  }

  @Test
  void aSecretSetOnTheCommandLineReplacesItsFileFormFromTheEnvironment() throws Exception {
    Path clusters = Files.writeString(dir.resolve("clusters.json"), "[]");
    Map<String, String> env = Map.of("HOME", dir.toString(), "REGISTRY_REPOSITORY_URL", dir.toString(),
        "CLUSTER_STATUS_API_URL", clusters.toString(), "CLUSTER_STATUS_URL_IS_FILE", "1",
        "REDIS_URL_FILE", dir.resolve("missing").toString(), "PARALLELISM", "x", "CLUSTERS_TO_DEPLOY", "active");

    CliRun direct = CliRun.of(env, dir, "plan", "-s", "REDIS_URL=redis://127.0.0.1:1");
    CliRun file = CliRun.of(env, dir, "plan", "-s", "REDIS_URL_FILE=" + dir.resolve("other"));

    assertThat(direct.exitCode).isEqualTo(2);
    assertThat(direct.err).contains("bad configuration (1 problem):", "PARALLELISM").doesNotContain("REDIS_URL");
    assertThat(file.err).contains("bad configuration (2 problems):", "REDIS_URL_FILE: " + dir.resolve("other"))
        .doesNotContain("missing");
  }

  @Test
  void subcommandHelpNamesItsExitCodes() {
    CliRun run = CliRun.of(env(), dir, "run", "--help");
    assertThat(run.exitCode).isZero();
    assertThat(run.out()).contains("--once", "--json", "1   with --once: an app failed or is blocked",
        "2   bad configuration or usage");
  }

  @Test
  void versionNamesTheGitRevisionTheBuildCameFrom() {
    CliRun run = CliRun.of(env(), dir, "--version");
    assertThat(run.exitCode).isZero();
    assertThat(run.out()).containsPattern("aspen \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(git [0-9a-f]{40}(-dirty)?\\)");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"run --once", "plan", "plan --json", "run --once --json"})
  void aBadConfigurationListsEveryProblemAndExits2(String command) {
    Map<String, String> env = Map.of("HOME", dir.toString(), "PARALLELISM", "lots", "LOG_FORMAT", "yaml");

    CliRun run = CliRun.of(env, dir, command.split(" "));

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("aspen: bad configuration (5 problems):",
        "  - REGISTRY_REPOSITORY_URL is not set", "  - CLUSTER_STATUS_API_URL is not set",
        "  - CLUSTERS_TO_DEPLOY is not set: name the clusters to deploy to",
        "  - PARALLELISM: \"lots\" is not a whole number", "  - LOG_FORMAT: \"yaml\" is neither plain nor json");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void optionsOverrideTheEnvironment() throws Exception {
    Path clusters = Files.writeString(dir.resolve("clusters.json"), "[]");
    Map<String, String> env = Map.of("HOME", dir.toString(), "PARALLELISM", "lots",
        "CLUSTER_STATUS_API_URL", clusters.toString(), "CLUSTER_STATUS_URL_IS_FILE", "1", "CLUSTERS_TO_DEPLOY", "*");

    CliRun run = CliRun.of(env, dir, "plan", "--registry", dir.toString(), "-s", "PARALLELISM=x");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("bad configuration (1 problem):", "PARALLELISM: \"x\" is not a whole number")
        .doesNotContain("REGISTRY_REPOSITORY_URL");
  }

  @Test
  void aSettingAnAdapterRefusesIsABadConfigurationToo() throws Exception {
    Path clusters = Files.writeString(dir.resolve("clusters.json"), "[]");
    Map<String, String> env = Map.of("HOME", dir.toString(), "REGISTRY_REPOSITORY_URL", dir.toString(),
        "CLUSTER_STATUS_API_URL", clusters.toString(), "CLUSTER_STATUS_URL_IS_FILE", "1", "CLUSTERS_TO_DEPLOY", "*");

    CliRun run = CliRun.of(env, dir, (configuration, clock) -> {
      throw new se.kth.aspen.runner.config.ConfigurationException(java.util.List.of("ASPEN_STATE_DIR: cannot open"));
    }, "run", "--once");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("ASPEN_STATE_DIR: cannot open");
  }

  @Test
  void usageErrorsExit2() {
    assertThat(CliRun.of(env(), dir, "run", "--no-such-option").exitCode).isEqualTo(2);
    assertThat(CliRun.of(env(), dir, "run", "--json").exitCode).isEqualTo(2);
    assertThat(CliRun.of(env(), dir, "run", "-s", "NOT_A_SETTING=1").err)
        .contains("--set NOT_A_SETTING: not a setting Aspen reads");
    assertThat(CliRun.of(env(), dir, "frobnicate").exitCode).isEqualTo(2);
    assertThat(CliRun.of(env(), dir, "validate").exitCode).isEqualTo(2);
    assertThat(CliRun.of(env(), dir, "vault", "view", "x").exitCode).as("no --password-file").isEqualTo(2);
  }

  @Test
  void optionsWithoutACommandMeanRun() {
    assertThat(Cli.withDefaultCommand(new String[] {})).containsExactly("run");
    assertThat(Cli.withDefaultCommand(new String[] {"--once"})).containsExactly("run", "--once");
    assertThat(Cli.withDefaultCommand(new String[] {"--help"})).containsExactly("--help");
    assertThat(Cli.withDefaultCommand(new String[] {"plan"})).containsExactly("plan");
  }
}
