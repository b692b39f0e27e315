package se.kth.aspen.runner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import se.kth.aspen.core.pass.PassMode;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.config.ConfigurationReader;

/** {@code aspen plan [--json]}. */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = BuildInfoVersion.class, sortOptions = false,
    description = {
        "Show what a pass would change, deploying and recording nothing: CHANGED, UNCHANGED, SKIPPED, FAILED or BLOCKED per app.",
        "No secret is decrypted and no cluster is changed."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no app failed", "1:an app failed or is blocked", "2:bad configuration or usage"})
final class PlanCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin
  ConfigOptions options = new ConfigOptions();

  @Option(names = "--json", description = "Print the CONTRACT §9 JSON document on stdout (logs stay on stderr).")
  boolean json;

  PlanCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Configuration configuration;
    try {
      configuration = Configurations.read(context, options.applyTo(context.env()), ConfigurationReader.Purpose.PASSES);
    } catch (Configurations.Reported e) {
      return ExitCodes.USAGE;
    }
    return OnePass.run(context, configuration, PassMode.PLAN, json);
  }
}
