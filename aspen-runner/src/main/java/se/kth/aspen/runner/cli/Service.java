package se.kth.aspen.runner.cli;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.pass.Pass;
import se.kth.aspen.core.pass.PassMode;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.runner.Adapters;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.http.ApiBackend;
import se.kth.aspen.runner.http.ApiServer;
import se.kth.aspen.runner.loop.HeapRelease;
import se.kth.aspen.runner.loop.PassLog;
import se.kth.aspen.runner.loop.PassObserver;
import se.kth.aspen.runner.loop.SyncLoop;
import se.kth.aspen.runner.metrics.PassMetrics;

/** {@code aspen run}: the loop and the HTTP API until the process is asked to stop. */
final class Service {

  private static final Logger log = LoggerFactory.getLogger(Service.class);

  private Service() {}

  static int run(CliContext context, Configuration configuration) throws Exception {
    Clock clock = context.clock();
    log.info("starting aspen {}", configuration);
    try (Adapters adapters = context.adapters().open(configuration, clock)) {
      Pass pass = new Pass(adapters.ports(), configuration.passSettings(), clock);
      PassMetrics metrics = new PassMetrics();
      PassObserver metricsObserver = new PassObserver() {
        @Override
        public void passDone(PassReport report) {
          metrics.record(report);
        }

        @Override
        public void passCrashed(Throwable failure) {
          metrics.recordCrash();
        }
      };
      SyncLoop loop = new SyncLoop(listener -> pass.run(PassMode.DEPLOY, listener),
          configuration.delayBetweenRuns(), List.of(metricsObserver, new PassLog(adapters.ports().notifier(), clock), HeapRelease.ofThisJvm()));
      ApiBackend backend = new ApiBackend(loop, adapters.ports().state(), configuration.managementGroup(),
          pass::retry, metrics);
      try (ApiServer api = ApiServer.start(configuration.api(), backend, clock)) {
        loop.begin(configuration.syncStartOnRun());
        if (!configuration.syncStartOnRun()) {
          log.info("the loop is stopped until GET /api/v1/sync/start (or set SYNC_START_ON_RUN to start it at once)");
        }
        context.stopSignal().await();
        log.info("asked to stop: finishing");
        boolean clean = loop.shutdown(configuration.shutdownGrace());
        log.info(clean ? "aspen stopped cleanly" : "aspen stopped; the running pass was abandoned before it finished");
      }
    }
    return ExitCodes.OK;
  }
}
