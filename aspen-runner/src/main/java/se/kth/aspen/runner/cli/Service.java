package se.kth.aspen.runner.cli;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.catalogue.PushedImage;
import se.kth.aspen.core.catalogue.RegistryCatalogue;
import se.kth.aspen.core.catalogue.RepositoryStatus;
import se.kth.aspen.core.pass.Pass;
import se.kth.aspen.core.pass.PassListener;
import se.kth.aspen.core.pass.PassMode;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.runner.Adapters;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.config.RepositoryLocation;
import se.kth.aspen.runner.http.ApiBackend;
import se.kth.aspen.runner.http.ApiServer;
import se.kth.aspen.runner.http.TagEvents;
import se.kth.aspen.runner.loop.HeapRelease;
import se.kth.aspen.runner.loop.PassExecution;
import se.kth.aspen.runner.loop.PassLog;
import se.kth.aspen.runner.loop.PassObserver;
import se.kth.aspen.runner.loop.SyncLoop;
import se.kth.aspen.runner.metrics.PassMetrics;
import se.kth.aspen.runner.page.CommitLinks;
import se.kth.aspen.runner.page.StatusFeed;

/** {@code aspen run}: the loop and the HTTP API until the process is asked to stop. */
final class Service {

  private static final Logger log = LoggerFactory.getLogger(Service.class);

  private Service() {}

  /** @param adoptFirst the first pass adopts (records what runs) instead of deploying */
  static int run(CliContext context, Configuration configuration, boolean adoptFirst) throws Exception {
    Clock clock = context.clock();
    log.info("starting aspen {}", configuration);
    try (Adapters adapters = context.adapters().open(configuration, clock)) {
      PassMetrics metrics = new PassMetrics();
      RegistryCatalogue catalogue = Catalogues.of(adapters.ports().images(), configuration, metrics.registryRequests());
      metrics.watchCatalogue(catalogue::statuses, clock);
      Pass pass = new Pass(Catalogues.over(adapters.ports(), catalogue), configuration.passSettings(), clock);
      AtomicReference<SyncLoop> loopHolder = new AtomicReference<>();
      PassObserver metricsObserver = new PassObserver() {
        @Override
        public void passDone(PassReport report) {
          // Passes may end at once: every app's latest picture is read and set as one step.
          synchronized (metrics) {
            metrics.record(report, loopHolder.get().lastReport().orElse(report));
          }
        }

        @Override
        public void passCrashed(Throwable failure) {
          metrics.recordCrash();
        }
      };
      java.util.concurrent.atomic.AtomicBoolean adopting = new java.util.concurrent.atomic.AtomicBoolean(adoptFirst);
      PassExecution passes = new PassExecution() {
        private PassListener watched(PassListener listener) {
          return configuration.skipDeployment() ? listener : adapters.deployListener(listener);
        }

        @Override
        public PassReport run(PassListener listener) {
          PassMode mode = adopting.getAndSet(false) ? PassMode.ADOPT : PassMode.DEPLOY;
          return pass.run(mode, mode == PassMode.DEPLOY ? watched(listener) : listener);
        }

        @Override
        public PassReport runFor(Set<String> applications, PassListener listener) {
          return pass.runFor(applications, PassMode.DEPLOY, watched(listener));
        }
      };
      StatusFeed feed = StatusFeed.fresh(clock, new BuildInfoVersion().getVersion()[0], configuration.registry()
          .flatMap(r -> r instanceof RepositoryLocation.GitRemote remote ? CommitLinks.of(remote.url()) : java.util.Optional.empty()));
      List<PassObserver> observers = new java.util.ArrayList<>(
          List.of(metricsObserver, new PassLog(adapters.ports().notifier(), clock), HeapRelease.ofThisJvm(() -> loopHolder.get().running().size() > 1)));
      observers.addAll(feed.observers());
      SyncLoop loop = new SyncLoop(passes, configuration.delayBetweenRuns(), observers);
      loopHolder.set(loop);
      ApiBackend backend = new ApiBackend(loop, adapters.ports().state(), configuration.managementGroup(),
          configuration.runnerName(), pass::retry, metrics, tagEvents(catalogue, pass), feed);
      try (ApiServer api = ApiServer.start(configuration.api(), backend, clock)) {
        loop.begin(configuration.syncStartOnRun());
        if (!configuration.syncStartOnRun()) {
          log.info("the loop is stopped until GET /api/v1/sync/start (or set SYNC_START_ON_RUN to start it at once)");
        }
        context.stopSignal().await();
        log.info("asked to stop: finishing");
        boolean clean = loop.shutdown(configuration.shutdownGrace());
        // Open event streams end now, so that the API stops without waiting for their clients.
        feed.events().close();
        log.info(clean ? "aspen stopped cleanly" : "aspen stopped; the running pass was abandoned before it finished");
      }
    }
    return ExitCodes.OK;
  }

  private static TagEvents tagEvents(RegistryCatalogue catalogue, Pass pass) {
    return new TagEvents() {
      @Override
      public void refreshAll() {
        catalogue.refreshAll();
      }

      @Override
      public List<RepositoryStatus> statuses() {
        return catalogue.statuses();
      }

      @Override
      public Map<String, List<String>> lists() {
        return catalogue.lists();
      }

      @Override
      public Set<String> pushed(PushedImage image, Deadline deadline) {
        catalogue.refresh(image, deadline);
        return pass.applicationsTaking(image);
      }
    };
  }
}
