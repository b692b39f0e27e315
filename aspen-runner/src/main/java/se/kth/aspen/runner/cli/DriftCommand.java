package se.kth.aspen.runner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.Pass;
import se.kth.aspen.core.pass.PassMode;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.runner.Adapters;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.config.ConfigurationReader;
import se.kth.aspen.runner.report.ReportJson;

/** {@code aspen drift [--json]}: the drift report of every selected cluster, changing nothing. */
@Command(name = "drift", mixinStandardHelpOptions = true, versionProvider = BuildInfoVersion.class, sortOptions = false,
    description = {
        "Compare what every selected cluster runs with what Aspen deployed there, and list the apps whose services",
        "differ (changed, scaled, removed or added by hand), and the stacks of this group whose directory left the registry",
        "(orphaned). Runs as plan does: nothing is deployed, decrypted, removed or recorded."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no drift, no orphan", "1:drift or orphans found", "2:a cluster could not be checked, or bad configuration or usage"})
final class DriftCommand implements Callable<Integer> {

  /** What {@code aspen drift} exits with when a cluster could not be checked. */
  static final int NOT_CHECKED = 2;

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final CliContext context;

  @Mixin
  ConfigOptions options = new ConfigOptions();

  @Option(names = "--json", description = "Print the report as one JSON document on stdout (logs stay on stderr).")
  boolean json;

  DriftCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    return Configurations.use(context, options, ConfigurationReader.Purpose.PASSES, this::report);
  }

  private int report(Configuration configuration) throws Exception {
    Clock clock = context.clock();
    PassReport report;
    try (Adapters adapters = context.adapters().open(configuration, clock)) {
      report = new Pass(adapters.ports(), configuration.passSettings(), clock).run(PassMode.PLAN, result -> { });
    }
    List<AppResult> drifted = report.results().stream().filter(r -> r.status() == AppStatus.DRIFTED).toList();
    List<String> notChecked = report.driftNotChecked();
    context.out().print(json ? json(report, drifted, notChecked) : table(drifted, notChecked) + orphans(report));
    context.out().flush();
    if (!notChecked.isEmpty() || (report.revision().isEmpty() && !report.problems().isEmpty())) {
      return NOT_CHECKED;
    }
    return drifted.isEmpty() && report.orphans().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static String table(List<AppResult> drifted, List<String> notChecked) {
    StringBuilder out = new StringBuilder();
    if (drifted.isEmpty()) {
      out.append(notChecked.isEmpty() ? "no drift\n" : "no drift found on the clusters that could be checked\n");
    } else {
      int cluster = Math.max("CLUSTER".length(), drifted.stream().mapToInt(r -> r.target().cluster().length()).max().orElse(0));
      int app = Math.max("APPLICATION".length(), drifted.stream().mapToInt(r -> r.target().application().length()).max().orElse(0));
      String row = "%-" + cluster + "s  %-" + app + "s  %s%n";
      out.append(String.format(row, "CLUSTER", "APPLICATION", "DRIFT"));
      for (AppResult r : drifted) {
        out.append(String.format(row, r.target().cluster(), r.target().application(), r.reason().orElse("")));
      }
    }
    notChecked.forEach(p -> out.append("not checked: ").append(p).append('\n'));
    return out.toString();
  }

  private static String orphans(PassReport report) {
    StringBuilder out = new StringBuilder();
    report.orphans().forEach(o -> out.append("orphaned: ").append(o.cluster()).append('/').append(o.stack())
        .append(" (no directory since ").append(o.since()).append(')').append(o.note().map(n -> ": " + n).orElse("")).append('\n'));
    return out.toString();
  }

  private static String json(PassReport report, List<AppResult> drifted, List<String> notChecked) throws Exception {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("revision", report.revision());
    ArrayNode apps = root.putArray("drifted");
    for (AppResult r : drifted) {
      apps.addObject().put("application", r.target().application()).put("cluster", r.target().cluster())
          .put("path", r.target().stackPath()).put("reason", r.reason().orElse(""));
    }
    root.set("orphans", ReportJson.orphans(report.orphans()));
    ArrayNode unchecked = root.putArray("notChecked");
    notChecked.forEach(unchecked::add);
    return MAPPER.writeValueAsString(root) + "\n";
  }
}
