package se.kth.aspen.runner.cli;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import se.kth.aspen.core.pass.PassMode;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.config.ConfigurationReader;

/** {@code aspen plan [--json] [--cached[=URL]]}, and {@code aspen plan --diff BASE..HEAD [--format F]}. */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = BuildInfoVersion.class, sortOptions = false,
    description = {
        "Show what a pass would change, deploying and recording nothing: CHANGED, UNCHANGED, SKIPPED, FAILED or BLOCKED per app.",
        "No secret is decrypted and no cluster is changed. Ranges are resolved against the Docker registry itself,",
        "not the lists a running runner keeps, unless --cached is given.",
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

  @Option(names = "--cached", arity = "0..1", fallbackValue = "", paramLabel = "URL",
      description = {"Resolve ranges from the tag lists a running `aspen run` keeps (its GET /api/v1/tags?lists=true,",
          "with API_TOKEN), as its next pass would, instead of asking the registry; repositories it has no list",
          "for are asked of the registry. URL: the runner's API, default http://127.0.0.1:ASPEN_API_PORT."})
  String cached;

  PlanCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (diff != null && cached != null) {
      context.err().println("aspen: --cached is for plan; plan --diff reads the registry at both revisions itself");
      return ExitCodes.USAGE;
    }
    if (diff != null) {
      return diff();
    }
    if (format != null) {
      context.err().println("aspen: --format is for plan --diff; plan alone takes --json");
      return ExitCodes.USAGE;
    }
    return Configurations.use(context, options, ConfigurationReader.Purpose.PASSES, this::plan);
  }

  private int plan(Configuration configuration) throws Exception {
    Optional<RunnerTagLists> lists = Optional.empty();
    if (cached != null) {
      URI runner;
      try {
        runner = cached.isBlank() ? URI.create("http://127.0.0.1:" + configuration.api().port()) : URI.create(cached.strip());
        if (!"http".equals(runner.getScheme()) && !"https".equals(runner.getScheme()) || runner.getHost() == null) {
          throw new IllegalArgumentException("not an http(s) address");
        }
      } catch (IllegalArgumentException e) {
        context.err().println("aspen: --cached=" + cached + ": the runner's API address, e.g. http://aspen.example.org:3005 ("
            + e.getMessage() + ")");
        return ExitCodes.USAGE;
      }
      try {
        lists = Optional.of(RunnerTagLists.read(runner, configuration.api().token(), configuration.requestTimeout()));
      } catch (RunnerTagLists.Unreadable e) {
        context.err().println("aspen: plan --cached: " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    return OnePass.run(context, configuration, PassMode.PLAN, json, lists);
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
