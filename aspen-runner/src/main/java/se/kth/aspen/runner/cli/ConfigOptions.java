package se.kth.aspen.runner.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import se.kth.aspen.runner.config.Setting;

/** Options that override environment names for one run; the environment stays the base. */
final class ConfigOptions {

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec spec;

  private final Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = {"-s", "--set"}, paramLabel = "NAME=VALUE",
      description = "Set an environment name for this run, over the environment (repeatable), e.g. -s CLUSTERS_TO_DEPLOY=stage.")
  void set(Map<String, String> values) {
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (!Setting.isName(entry.getKey())) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--set " + entry.getKey() + ": not a setting Aspen reads; see aspen --help for the names");
      }
      overrides.put(entry.getKey(), entry.getValue());
    }
  }

  @Option(names = "--registry", paramLabel = "URL|DIR", description = "The application registry (REGISTRY_REPOSITORY_URL).")
  void registry(String value) {
    overrides.put(Setting.REGISTRY_REPOSITORY_URL.name(), value);
  }

  @Option(names = "--clusters", paramLabel = "A,B", description = "Clusters to deploy to (CLUSTERS_TO_DEPLOY).")
  void clusters(String value) {
    overrides.put(Setting.CLUSTERS_TO_DEPLOY.name(), value);
  }

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the embedded state lives (ASPEN_STATE_DIR).")
  void stateDir(String value) {
    overrides.put(Setting.ASPEN_STATE_DIR.name(), value);
  }

  void put(Setting setting, String value) {
    overrides.put(setting.name(), value);
  }

  /**
   * The environment with this run's overrides on top. A secret overridden one way replaces the
   * environment's other way ({@code NAME} over {@code NAME_FILE} and back), which would otherwise
   * be an error of giving it twice.
   */
  Map<String, String> applyTo(Map<String, String> env) {
    Map<String, String> merged = new HashMap<>(env);
    for (Setting setting : Setting.values()) {
      setting.fileName().ifPresent(file -> {
        if (overrides.containsKey(setting.name())) {
          merged.remove(file);
        }
        if (overrides.containsKey(file)) {
          merged.remove(setting.name());
        }
      });
    }
    merged.putAll(overrides);
    return merged;
  }
}
