package se.kth.aspen.runner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import se.kth.aspen.core.pass.PassMode;
import se.kth.aspen.runner.config.ConfigurationReader;

/** {@code aspen adopt [--json]}: take over clusters another deployer keeps, without redeploying them. */
@Command(name = "adopt", mixinStandardHelpOptions = true, versionProvider = BuildInfoVersion.class, sortOptions = false,
    description = {
        "Take over clusters the Python tool (or anyone) deployed, without redeploying or notifying.",
        "For each app that differs from what Aspen recorded, read what its cluster runs now: where every service",
        "already runs the image the registry resolves to (tag, and digest where the cluster pinned one), record it",
        "as deployed (ADOPTED); list the rest as CHANGED with the reason a deploying pass would deploy them.",
        "No secret is decrypted, nothing is deployed, no notice is sent, no failure is recorded."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no app failed (apps that would deploy are not failures)", "1:an app failed or is blocked",
        "2:bad configuration or usage"})
final class AdoptCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin
  ConfigOptions options = new ConfigOptions();

  @Option(names = "--json", description = "Print the JSON document on stdout (logs stay on stderr).")
  boolean json;

  AdoptCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    return Configurations.use(context, options, ConfigurationReader.Purpose.PASSES,
        configuration -> OnePass.run(context, configuration, PassMode.ADOPT, json));
  }
}
