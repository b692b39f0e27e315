package se.kth.aspen.runner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import se.kth.aspen.core.pass.PassMode;
import se.kth.aspen.runner.config.ConfigurationReader;
import se.kth.aspen.runner.config.Setting;

/** {@code aspen run [--once [--json]]}. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = BuildInfoVersion.class, sortOptions = false,
    description = {
        "Keep the clusters in step with the registry: a pass every DELAY_SECS_BETWEEN_RUNS seconds, and the HTTP API.",
        "A registry push starts a pass over the apps it concerns at once, beside a pass under way (README: A push and the passes under way).",
        "With --once: one pass, a summary table, and exit 0 when no app failed, 1 otherwise."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:runs until stopped, then 0; with --once: no app failed",
        "1:with --once: an app failed or is blocked",
        "2:bad configuration or usage"})
final class RunCommand implements Callable<Integer> {

  private final CliContext context;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ConfigOptions options = new ConfigOptions();

  @Option(names = "--once", description = "Run one pass, print the summary, exit (no HTTP API).")
  boolean once;

  @Option(names = "--json", description = "With --once: print the JSON report on stdout instead of the table.")
  boolean json;

  @Option(names = "--adopt", description = {
      "The first pass adopts instead of deploying (see `aspen adopt`): what the clusters already run is recorded,",
      "nothing is deployed or announced; later passes deploy as usual. For switching from the Python tool."})
  boolean adopt;

  @Option(names = "--port", paramLabel = "PORT", description = "HTTP API port (ASPEN_API_PORT, default 3005).")
  void port(String value) {
    options.put(Setting.ASPEN_API_PORT, value);
  }

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "HTTP API address (ASPEN_API_BIND, default 0.0.0.0).")
  void bind(String value) {
    options.put(Setting.ASPEN_API_BIND, value);
  }

  RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (json && !once) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--json goes with --once");
    }
    return Configurations.use(context, options, ConfigurationReader.Purpose.PASSES, configuration -> once
        ? OnePass.run(context, configuration, adopt ? PassMode.ADOPT : PassMode.DEPLOY, json)
        : Service.run(context, configuration, adopt));
  }
}
