package se.kth.aspen.runner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import se.kth.aspen.core.pass.PassMode;
import se.kth.aspen.runner.config.ConfigurationReader;

/** {@code aspen plan [--json]}, and {@code aspen plan --diff BASE..HEAD [--format F]}. */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = BuildInfoVersion.class, sortOptions = false,
    description = {
        "Show what a pass would change, deploying and recording nothing: CHANGED, UNCHANGED, SKIPPED, FAILED or BLOCKED per app.",
        "No secret is decrypted and no cluster is changed.",
        "With --diff BASE..HEAD: compare two revisions of the registry (branches, tags or commits of the repository in",
        "REGISTRY_REPOSITORY_URL / --registry, or two directories) as a pass would deploy them: per app and cluster, per",
        "service and field, what would change, and the policy violations and resolution failures the head would hit.",
        "Needs only the Docker registry (ranges, digests): no cluster, no state, no vault key (a secrets.env is",
        "compared by its encrypted content).",
        "",
        "  aspen plan --diff origin/main..HEAD --registry . --format markdown > plan.md"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no app failed (with --diff: every changed app would deploy)",
        "1:an app failed or is blocked (with --diff: a changed app would fail)",
        "2:bad configuration or usage (with --diff: the plan could not be made)"})
final class PlanCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin
  ConfigOptions options = new ConfigOptions();

  @Option(names = "--json", description = "Print the JSON report on stdout (logs stay on stderr).")
  boolean json;

  @Option(names = "--diff", paramLabel = "BASE..HEAD",
      description = "Compare two revisions (or two directories) instead of planning against the recorded state.")
  String diff;

  @Option(names = "--format", paramLabel = "text|json|markdown",
      description = "With --diff: text (default), json, or markdown for a pull-request comment.")
  String format;

  PlanCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (diff != null) {
      return diff();
    }
    if (format != null) {
      context.err().println("aspen: --format is for plan --diff; plan alone takes --json");
      return ExitCodes.USAGE;
    }
    return Configurations.use(context, options, ConfigurationReader.Purpose.PASSES,
        configuration -> OnePass.run(context, configuration, PassMode.PLAN, json));
  }

  private int diff() throws Exception {
    DiffPlan.Format chosen;
    try {
      chosen = format == null ? DiffPlan.Format.TEXT : DiffPlan.Format.valueOf(format.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      context.err().println("aspen: --format " + format + ": one of text, json, markdown");
      return ExitCodes.USAGE;
    }
    if (json) {
      chosen = DiffPlan.Format.JSON;
    }
    DiffPlan.Format format = chosen;
    return Configurations.use(context, options, ConfigurationReader.Purpose.OFFLINE,
        configuration -> DiffPlan.run(context, configuration, diff, format));
  }
}
