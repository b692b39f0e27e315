package se.kth.aspen.runner.cli;

import java.time.Clock;
import java.util.Optional;
import se.kth.aspen.core.catalogue.RegistryRequests;
import se.kth.aspen.core.pass.Pass;
import se.kth.aspen.core.pass.PassListener;
import se.kth.aspen.core.pass.PassMode;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.runner.Adapters;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.report.ProgressLine;
import se.kth.aspen.runner.report.ReportJson;
import se.kth.aspen.runner.report.SummaryTable;

/**
 * One pass from the command line ({@code run --once}, {@code plan}): a progress line per app on
 * stderr as it finishes, then the summary table, or the JSON document, on stdout.
 */
final class OnePass {

  private OnePass() {}

  static int run(CliContext context, Configuration configuration, PassMode mode, boolean json) throws Exception {
    return run(context, configuration, mode, json, Optional.empty());
  }

  /** @param cached a running runner's tag lists to resolve from ({@code plan --cached}) */
  static int run(CliContext context, Configuration configuration, PassMode mode, boolean json,
      Optional<RunnerTagLists> cached) throws Exception {
    Clock clock = context.clock();
    try (Adapters adapters = context.adapters().open(configuration, clock)) {
      // A catalogue of this process's own: it starts empty, so every list is asked of the
      // registry; it bounds how many requests are in flight at once.
      ImageRegistry own = Catalogues.of(adapters.ports().images(), configuration, RegistryRequests.none());
      Optional<TagsFromRunner> fromRunner = cached.map(lists -> new TagsFromRunner(lists, own));
      Pass pass = new Pass(Catalogues.over(adapters.ports(), fromRunner.<ImageRegistry>map(t -> t).orElse(own)),
          configuration.passSettings(), clock);
      PassListener progress = result -> {
        context.err().println(ProgressLine.of(result));
        ProgressLine.warnings(result).forEach(context.err()::println);
      };
      PassReport report = pass.run(mode, mode == PassMode.DEPLOY && !configuration.skipDeployment()
          ? adapters.deployListener(progress) : progress);
      if (json) {
        context.out().println(ReportJson.text(report));
      } else {
        context.out().print(SummaryTable.render(report));
      }
      context.out().flush();
      fromRunner.ifPresent(tags -> context.err().println("aspen: plan --cached: tag lists of "
          + cached.get().lists().size() + " repositories from the runner at " + cached.get().runner()
          + cached.get().oldest().map(at -> " (the oldest fetched at " + at + ")").orElse("")
          + "; " + tags.askedOfRegistry() + " asked of the registry (the runner had none)"));
      return failed(report) ? ExitCodes.FAILED : ExitCodes.OK;
    }
  }

  /** An app failed or is blocked, or the registry could not be read at all. */
  static boolean failed(PassReport report) {
    return report.anyFailed() || (report.revision().isEmpty() && !report.problems().isEmpty());
  }
}
