package se.kth.aspen.runner.http;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import se.kth.aspen.core.catalogue.PushedImage;
import se.kth.aspen.core.catalogue.RepositoryStatus;
import se.kth.aspen.core.fake.FakeClusterDirectory;
import se.kth.aspen.core.fake.FakeImageRegistry;
import se.kth.aspen.core.fake.FakeOrchestrator;
import se.kth.aspen.core.fake.FakeRegistrySource;
import se.kth.aspen.core.fake.FakeSecretStore;
import se.kth.aspen.core.fake.RecordingNotifier;
import se.kth.aspen.core.pass.Pass;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.pass.PassSettings;
import se.kth.aspen.core.pass.Ports;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.state.InMemoryStateStore;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.loop.PassObserver;
import se.kth.aspen.runner.loop.SyncLoop;
import se.kth.aspen.runner.metrics.PassMetrics;
import se.kth.aspen.runner.page.StatusFeed;

/** The API on a free loopback port, over a loop whose passes return the report a test sets. */
final class ApiFixture implements AutoCloseable {

  static final String GROUP = "test-group";
  static final String RUNNER = "runner-under-test";

  final AtomicReference<PassReport> nextReport = new AtomicReference<>(Reports.report("abc123"));
  final AtomicInteger passes = new AtomicInteger();
  final InMemoryStateStore state = new InMemoryStateStore(Clock.systemUTC());
  final PassMetrics metrics = new PassMetrics();
  final StatusFeed feed = StatusFeed.fresh(Clock.systemUTC(), "aspen-under-test");
  /** How often the API asked the tag catalogue to list everything again. */
  final AtomicInteger tagRefreshes = new AtomicInteger();
  /** The tag catalogue's lists, as a runner's would be after a pass. */
  static final Map<String, List<String>> LISTS = Map.of("registry.example.org/team/app", List.of("1.0.0", "1.1.0"));
  final SyncLoop loop;
  final ApiServer server;
  final ApiClient client;

  ApiFixture(Optional<String> token, Optional<String> webhookSecret) throws Exception {
    this(token, webhookSecret, ApiServer.Limits.DEFAULT);
  }

  ApiFixture(Optional<String> token, Optional<String> webhookSecret, ApiServer.Limits limits) throws Exception {
    this(token, webhookSecret, limits, store -> store);
  }

  /** @param backendState the store the API is given, made from the fixture's in-memory one */
  ApiFixture(Optional<String> token, Optional<String> webhookSecret, ApiServer.Limits limits,
      java.util.function.UnaryOperator<se.kth.aspen.core.port.StateStore> backendState) throws Exception {
    this(token, webhookSecret, limits, backendState, true);
  }

  /** @param statusPage whether GET / serves the status page (STATUS_PAGE) */
  ApiFixture(Optional<String> token, Optional<String> webhookSecret, ApiServer.Limits limits,
      java.util.function.UnaryOperator<se.kth.aspen.core.port.StateStore> backendState, boolean statusPage) throws Exception {
    Ports ports = new Ports(new FakeRegistrySource(Path.of("/registry"), "abc123"), FakeClusterDirectory.of("active"),
        new FakeImageRegistry(), new FakeSecretStore(), new FakeOrchestrator(), state, new RecordingNotifier());
    Pass pass = new Pass(ports, PassSettings.defaults(GROUP).build(), Clock.systemUTC());
    loop = new SyncLoop(listener -> {
      passes.incrementAndGet();
      PassReport report = nextReport.get();
      report.results().forEach(listener::onResult);
      return report;
    }, Duration.ofHours(1), java.util.stream.Stream.concat(java.util.stream.Stream.of(new PassObserver() {
      @Override
      public void passDone(PassReport report) {
        metrics.record(report);
      }
    }), feed.observers().stream()).toList());
    loop.begin(false);
    Configuration.Api api = new Configuration.Api("127.0.0.1", 0, token.map(Secret::of), webhookSecret.map(Secret::of), statusPage);
    server = ApiServer.start(api, new ApiBackend(loop, backendState.apply(state), GROUP, RUNNER, pass::retry, metrics,
        tags(), feed), Clock.systemUTC(), limits);
    client = new ApiClient(server.port());
  }

  private TagEvents tags() {
    return new TagEvents() {
      @Override
      public void refreshAll() {
        tagRefreshes.incrementAndGet();
      }

      @Override
      public List<RepositoryStatus> statuses() {
        return LISTS.entrySet().stream().map(e -> new RepositoryStatus(e.getKey(), e.getValue().size(),
            Optional.of(Instant.parse("2026-01-01T08:00:00Z")), Instant.parse("2026-01-01T08:05:00Z"),
            Optional.empty())).toList();
      }

      @Override
      public Map<String, List<String>> lists() {
        return LISTS;
      }

      @Override
      public Set<String> pushed(PushedImage image, Deadline deadline) {
        return image.repository().equals("team/app") ? Set.of("app-a") : Set.of();
      }
    };
  }

  /** Runs one pass through the loop and waits for its report. */
  void passNow() {
    int before = passes.get();
    loop.trigger();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> passes.get() > before && loop.lastReport().isPresent()
            && loop.state() != se.kth.aspen.runner.loop.LoopState.RUNNING);
  }

  @Override
  public void close() throws Exception {
    server.close();
    loop.shutdown(Duration.ofSeconds(5));
  }
}
