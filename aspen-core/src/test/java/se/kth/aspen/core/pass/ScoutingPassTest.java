package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.catalogue.CatalogueSettings;
import se.kth.aspen.core.catalogue.RegistryCatalogue;
import se.kth.aspen.core.catalogue.RegistryRequests;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;

/**
 * A pass that meets repositories for the first time fetches their tag lists side by side, as
 * wide as the catalogue's concurrency, not one per worker as each target reaches Resolve.
 */
class ScoutingPassTest {

  static final int APPS = 12;
  static final int CONCURRENCY = 6;

  @TempDir Path root;
  PassFixture f;
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger most = new AtomicInteger();
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  /** Opens once CONCURRENCY lists are asked for at the same time (or after a while, so a failing run ends). */
  final CountDownLatch wide = new CountDownLatch(CONCURRENCY);

  /** Every tag list waits until CONCURRENCY are asked for at once. */
  final ImageRegistry registry = new ImageRegistry() {
    @Override
    public List<String> tags(ImageReference repository, Deadline deadline) throws PortException {
      calls.computeIfAbsent(repository.name(), n -> new AtomicInteger()).incrementAndGet();
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      wide.countDown();
      try {
        wide.await(2, TimeUnit.SECONDS);
        return List.of("1.0.0_aaa", "1.0.1_bbb", "2.0.0_ccc");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RefusedException("interrupted");
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public String digest(ImageReference image, Deadline deadline) throws PortException {
      throw new RefusedException("not asked");
    }
  };

  @BeforeEach
  void appsOnRepositoriesOfTheirOwn() {
    f = new PassFixture(root);
    for (int i = 0; i < APPS; i++) {
      f.registry.write("app-" + i + "/active/docker-stack.yml", TestRegistry.stack(
          "registry.example.org/${APPLICATION_NAME}:${WEB_VERSION}", "      WEB_VERSION: ~1.0.0\n", ""));
    }
    f.settings = f.settings.toBuilder().parallelism(2).build();
  }

  PassReport plan() {
    RegistryCatalogue catalogue = new RegistryCatalogue(registry,
        CatalogueSettings.of(Duration.ofMinutes(5), CONCURRENCY, Duration.ofSeconds(5)), RegistryRequests.none());
    Ports ports = f.ports();
    return new Pass(new Ports(ports.registry(), ports.clusters(), catalogue, ports.secrets(), ports.orchestrator(),
        ports.state(), ports.notifier()), f.settings, f.clock).run(PassMode.PLAN, f.heard::add);
  }

  @Test
  void aFirstPassFetchesNewRepositoriesAsWideAsTheRegistryConcurrencyNotOnePerWorker() {
    PassReport report = plan();

    assertThat(most.get()).isEqualTo(CONCURRENCY);
    assertThat(report.results()).hasSize(APPS).allSatisfy(r -> {
      assertThat(r.status()).as(r.toString()).isEqualTo(AppStatus.CHANGED);
      assertThat(r.images()).as(r.toString())
          .containsEntry("web", "registry.example.org/" + r.target().application() + ":1.0.1_bbb");
    });
    assertThat(calls).hasSize(APPS).allSatisfy((repository, count) -> assertThat(count.get()).isEqualTo(1));
  }
}
