package se.kth.aspen.core.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.fake.FakeImageRegistry;
import se.kth.aspen.core.fake.MutableClock;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

class RegistryCatalogueTest {

  static final String APP = "registry.example.org/team/app";
  static final ImageReference IMAGE = ImageReference.parse(APP + ":0");
  static final Duration INTERVAL = Duration.ofMinutes(5);

  final FakeImageRegistry registry = new FakeImageRegistry().push(APP, "1.0.0");
  final MutableClock clock = MutableClock.atFixedStart();
  final Map<String, AtomicInteger> counted = new ConcurrentHashMap<>();
  final RegistryRequests counter = (host, outcome) ->
      counted.computeIfAbsent(host + " " + outcome, k -> new AtomicInteger()).incrementAndGet();
  /** Always the full interval: no jitter drawn. */
  final RegistryCatalogue catalogue = new RegistryCatalogue(registry,
      CatalogueSettings.of(INTERVAL, 4, Duration.ofSeconds(5)), counter, clock, fixedRandom(0.0));

  static RandomGenerator fixedRandom(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  static Deadline soon() {
    return Deadline.in(Duration.ofSeconds(5));
  }

  void awaitCalls(String repository, int calls) {
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(registry.tagCalls(repository)).isEqualTo(calls));
  }

  /** No further call starts in the background for a while: "nothing happened" checked over time, not at one instant. */
  void noMoreCalls(String repository, int calls) {
    await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(registry.tagCalls(repository)).isEqualTo(calls));
  }

  @Test
  void aFreshListIsAnsweredWithoutAskingTheRegistry() throws Exception {
    assertThat(catalogue.tags(IMAGE, soon())).containsExactly("1.0.0");
    registry.push(APP, "1.0.0", "1.0.1");
    clock.advance(INTERVAL.minusSeconds(1));
    for (int pass = 0; pass < 20; pass++) {
      assertThat(catalogue.tags(IMAGE, soon())).containsExactly("1.0.0");
    }
    assertThat(registry.tagCalls(APP)).isEqualTo(1);
    assertThat(counted).containsOnlyKeys("registry.example.org OK");
  }

  @Test
  void aStaleListIsAnsweredAtOnceAndFetchedAgainForTheNextPass() throws Exception {
    catalogue.tags(IMAGE, soon());
    registry.push(APP, "1.0.0", "1.0.1");
    clock.advance(INTERVAL);

    assertThat(catalogue.tags(IMAGE, soon())).containsExactly("1.0.0");
    awaitCalls(APP, 2);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(
        () -> assertThat(catalogue.tags(IMAGE, soon())).containsExactly("1.0.0", "1.0.1"));
    assertThat(registry.tagCalls(APP)).isEqualTo(2);
  }

  @Test
  void jitterBringsARefreshEarlierByAtMostItsShare() throws Exception {
    RegistryCatalogue jittery = new RegistryCatalogue(registry,
        CatalogueSettings.of(INTERVAL, 4, Duration.ofSeconds(5)), counter, clock, fixedRandom(0.999));
    jittery.tags(IMAGE, soon());
    clock.advance(INTERVAL.multipliedBy(3).dividedBy(4).minusSeconds(1));
    jittery.tags(IMAGE, soon());
    noMoreCalls(APP, 1);
    clock.advance(Duration.ofSeconds(2));
    jittery.tags(IMAGE, soon());
    awaitCalls(APP, 2);
  }

  @Test
  void refreshAllMakesTheNextAskWaitForAFreshList() throws Exception {
    catalogue.tags(IMAGE, soon());
    registry.push(APP, "1.0.0", "2.0.0");
    catalogue.refreshAll();

    assertThat(catalogue.tags(IMAGE, soon())).containsExactly("1.0.0", "2.0.0");
    assertThat(catalogue.tags(IMAGE, soon())).containsExactly("1.0.0", "2.0.0");
    assertThat(registry.tagCalls(APP)).isEqualTo(2);
  }

  @Test
  void aFailedRefreshKeepsTheLastGoodListAndBacksOff() throws Exception {
    catalogue.tags(IMAGE, soon());
    registry.failWith(APP, new UnreachableException("listing tags of " + APP + ": registry answered HTTP 429"));
    catalogue.refreshAll();

    assertThat(catalogue.tags(IMAGE, soon())).containsExactly("1.0.0");
    assertThat(catalogue.statuses()).singleElement().satisfies(status -> {
      assertThat(status.lastProblem()).contains("listing tags of " + APP + ": registry answered HTTP 429");
      assertThat(status.refreshDueAt()).isEqualTo(clock.instant().plusSeconds(15));
    });
    clock.advance(Duration.ofSeconds(14));
    assertThat(catalogue.tags(IMAGE, soon())).containsExactly("1.0.0");
    noMoreCalls(APP, 2);

    clock.advance(Duration.ofSeconds(1));
    assertThat(catalogue.tags(IMAGE, soon())).containsExactly("1.0.0");
    awaitCalls(APP, 3);
    // the second failure in a row waits twice as long
    await().atMost(Duration.ofSeconds(5)).untilAsserted(
        () -> assertThat(catalogue.statuses().getFirst().refreshDueAt()).isEqualTo(clock.instant().plusSeconds(30)));
    assertThat(counted.get("registry.example.org UNAVAILABLE")).hasValue(2);
  }

  @Test
  void aRetryAfterHoldsEveryRepositoryOfThatRegistryUntilThenAndKeepsTheirLists() throws Exception {
    String sibling = "registry.example.org/team/sibling";
    String elsewhere = "other.example.org/team/app";
    registry.push(sibling, "2.0.0").push(elsewhere, "3.0.0");
    ImageReference siblingImage = ImageReference.parse(sibling + ":0");
    ImageReference elsewhereImage = ImageReference.parse(elsewhere + ":0");
    catalogue.tags(IMAGE, soon());
    catalogue.tags(siblingImage, soon());
    catalogue.tags(elsewhereImage, soon());
    registry.failWith(APP, UnreachableException.throttled(
        "listing tags of " + APP + ": registry answered HTTP 429", Duration.ofSeconds(120)));
    registry.push(sibling, "2.0.0", "2.1.0");
    catalogue.refreshAll();

    assertThat(catalogue.tags(IMAGE, soon())).containsExactly("1.0.0");
    assertThat(catalogue.tags(siblingImage, soon())).containsExactly("2.0.0");
    assertThat(catalogue.tags(elsewhereImage, soon())).containsExactly("3.0.0");
    assertThat(registry.tagCalls(APP)).isEqualTo(2);
    assertThat(registry.tagCalls(sibling)).isEqualTo(1);
    assertThat(registry.tagCalls(elsewhere)).isEqualTo(2);
    assertThat(catalogue.statuses()).filteredOn(status -> status.repository().startsWith("registry.example.org/"))
        .hasSize(2).allSatisfy(status -> assertThat(status.refreshDueAt()).isEqualTo(clock.instant().plusSeconds(120)));
    assertThat(catalogue.statuses()).filteredOn(status -> status.repository().equals(sibling)).singleElement()
        .satisfies(status -> assertThat(status.lastProblem().orElseThrow()).contains("Retry-After", "none sent"));
    assertThat(counted.get("registry.example.org UNAVAILABLE")).hasValue(1);

    registry.recover(APP);
    clock.advance(Duration.ofSeconds(119));
    catalogue.refreshAll();
    assertThat(catalogue.tags(siblingImage, soon())).containsExactly("2.0.0");
    assertThat(registry.tagCalls(sibling)).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    catalogue.refreshAll();
    assertThat(catalogue.tags(siblingImage, soon())).containsExactly("2.0.0", "2.1.0");
    assertThat(catalogue.tags(IMAGE, soon())).containsExactly("1.0.0");
    assertThat(registry.tagCalls(sibling)).isEqualTo(2);
    assertThat(registry.tagCalls(APP)).isEqualTo(3);
  }

  @Test
  void whileARegistryAsksForQuietANewRepositoryAndADigestFailAtOnceWithoutARequest() throws Exception {
    catalogue.tags(IMAGE, soon());
    registry.failWith(APP, UnreachableException.throttled(
        "listing tags of " + APP + ": registry answered HTTP 503", Duration.ofSeconds(30)));
    catalogue.refreshAll();
    catalogue.tags(IMAGE, soon());
    String fresh = "registry.example.org/team/new";
    registry.push(fresh, "1.0.0");

    assertThatThrownBy(() -> catalogue.tags(ImageReference.parse(fresh + ":0"), soon()))
        .isInstanceOfSatisfying(UnreachableException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)))
        .hasMessage("listing tags of " + fresh + ": registry registry.example.org asked for no requests before "
            + clock.instant().plusSeconds(30) + " (Retry-After); none sent");
    assertThatThrownBy(() -> catalogue.digest(ImageReference.parse(fresh + ":1.0.0"), soon()))
        .isInstanceOf(UnreachableException.class).hasMessageContaining("(Retry-After); none sent");
    assertThat(registry.tagCalls(fresh)).isZero();
    assertThat(registry.digestCalls(fresh)).isZero();

    clock.advance(Duration.ofSeconds(30));
    assertThat(catalogue.digest(ImageReference.parse(fresh + ":1.0.0"), soon()))
        .isEqualTo(FakeImageRegistry.digestOf(fresh + ":1.0.0"));
  }

  @Test
  void aRetryAfterIsObeyedForAnHourAtMost() throws Exception {
    catalogue.tags(IMAGE, soon());
    registry.failWith(APP, UnreachableException.throttled(
        "listing tags of " + APP + ": registry answered HTTP 429", Duration.ofDays(3)));
    catalogue.refreshAll();
    catalogue.tags(IMAGE, soon());

    assertThat(catalogue.statuses()).singleElement()
        .satisfies(status -> assertThat(status.refreshDueAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1))));
  }

  @Test
  void aRepositoryNeverListedFailsItsAskAsWithoutTheCatalogue() {
    ImageReference missing = ImageReference.parse("registry.example.org/missing:0");
    assertThatThrownBy(() -> catalogue.tags(missing, soon()))
        .isInstanceOf(RefusedException.class).hasMessageContaining("no such repository");
    assertThatThrownBy(() -> catalogue.tags(missing, soon())).isInstanceOf(RefusedException.class);
    assertThat(registry.tagCalls("registry.example.org/missing")).isEqualTo(2);
    assertThat(counted.get("registry.example.org REFUSED")).hasValue(2);
  }

  @Test
  void aPushRefreshesEveryRepositoryItNamesAndNoOther() throws Exception {
    registry.push("registry.example.org/other", "1.0.0");
    catalogue.tags(IMAGE, soon());
    catalogue.tags(ImageReference.parse("registry.example.org/other:0"), soon());
    registry.push(APP, "1.0.0", "1.1.0");

    List<ImageReference> refreshed =
        catalogue.refresh(new PushedImage(Optional.of("registry.example.org"), "team/app", "1.1.0"), soon());

    assertThat(refreshed).extracting(ImageReference::name).containsExactly(APP);
    assertThat(catalogue.tags(IMAGE, soon())).containsExactly("1.0.0", "1.1.0");
    assertThat(registry.tagCalls(APP)).isEqualTo(2);
    assertThat(registry.tagCalls("registry.example.org/other")).isEqualTo(1);
    assertThat(catalogue.refresh(new PushedImage(Optional.empty(), "unknown", "1.0.0"), soon())).isEmpty();
  }

  @Test
  void noMoreRequestsThanTheConcurrencyAreInFlightAtOnce() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    ImageRegistry slow = new ImageRegistry() {
      @Override
      public List<String> tags(ImageReference repository, Deadline deadline) {
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        started.countDown();
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        inFlight.decrementAndGet();
        return List.of("1.0.0");
      }

      @Override
      public String digest(ImageReference image, Deadline deadline) throws PortException {
        throw new RefusedException("not asked");
      }
    };
    RegistryCatalogue bounded = new RegistryCatalogue(slow, CatalogueSettings.of(INTERVAL, 3, Duration.ofSeconds(5)),
        counter, clock, fixedRandom(0.0));
    List<Future<List<String>>> answers = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 30; i++) {
        ImageReference image = ImageReference.parse("registry.example.org/app-" + i + ":0");
        answers.add(pool.submit(() -> bounded.tags(image, soon())));
      }
      for (Future<List<String>> answer : answers) {
        assertThat(answer.get()).containsExactly("1.0.0");
      }
    }
    assertThat(most.get()).isEqualTo(3);
    assertThat(bounded.statuses()).hasSize(30);
  }

  /** Tag lists that answer once their repository's gate opens, counting calls and the most at once. */
  static final class GatedRegistry implements ImageRegistry {
    final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final Map<String, PortException> failures = new ConcurrentHashMap<>();

    CountDownLatch gate(String repository) {
      return gates.computeIfAbsent(repository, r -> new CountDownLatch(1));
    }

    int calls(String repository) {
      return calls.getOrDefault(repository, new AtomicInteger()).get();
    }

    @Override
    public List<String> tags(ImageReference repository, Deadline deadline) throws PortException {
      calls.computeIfAbsent(repository.name(), r -> new AtomicInteger()).incrementAndGet();
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        gate(repository.name()).await();
        PortException failure = failures.get(repository.name());
        if (failure != null) {
          throw failure;
        }
        return List.of("1.0.0");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnreachableException("interrupted", e);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public String digest(ImageReference image, Deadline deadline) throws PortException {
      throw new RefusedException("not asked");
    }
  }

  static ImageReference app(int i) {
    return ImageReference.parse("registry.example.org/app-" + i + ":0");
  }

  @Test
  void prefetchStartsEveryNewRepositoryAtOnceNoMoreThanTheConcurrencyInFlightAndTheAskJoinsIt() throws Exception {
    GatedRegistry gated = new GatedRegistry();
    RegistryCatalogue bounded = new RegistryCatalogue(gated, CatalogueSettings.of(INTERVAL, 3, Duration.ofSeconds(5)),
        counter, clock, fixedRandom(0.0));
    for (int i = 0; i < 10; i++) {
      bounded.prefetch(app(i)); // returns at once: nothing has answered yet
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> gated.inFlight.get() == 3);
    noMoreInFlight(gated, 3);
    for (int i = 0; i < 10; i++) {
      gated.gate(app(i).name()).countDown();
    }
    for (int i = 0; i < 10; i++) {
      assertThat(bounded.tags(app(i), soon())).containsExactly("1.0.0");
      assertThat(gated.calls(app(i).name())).as("calls for app-" + i).isEqualTo(1);
    }
    assertThat(gated.most.get()).isEqualTo(3);
    bounded.prefetch(app(0)); // listed already: nothing more to fetch
    noMoreCallsTo(gated, app(0).name(), 1);
  }

  @Test
  void anAskAfterAPrefetchWaitsOnlyForItsOwnRepository() throws Exception {
    GatedRegistry gated = new GatedRegistry();
    RegistryCatalogue bounded = new RegistryCatalogue(gated, CatalogueSettings.of(INTERVAL, 4, Duration.ofSeconds(5)),
        counter, clock, fixedRandom(0.0));
    for (int i = 0; i < 3; i++) {
      bounded.prefetch(app(i));
    }
    gated.gate(app(2).name()).countDown();
    // app-0 and app-1 still hang: app-2's ask is answered all the same
    assertThat(bounded.tags(app(2), soon())).containsExactly("1.0.0");
    assertThat(gated.inFlight.get()).isEqualTo(2);
    gated.gate(app(0).name()).countDown();
    gated.gate(app(1).name()).countDown();
    assertThat(bounded.tags(app(0), soon())).containsExactly("1.0.0");
    assertThat(gated.calls(app(0).name())).isEqualTo(1);
  }

  @Test
  void aRepositoryWhosePrefetchFailsFailsItsOwnAskAndNoOther() throws Exception {
    GatedRegistry gated = new GatedRegistry();
    RegistryCatalogue bounded = new RegistryCatalogue(gated, CatalogueSettings.of(INTERVAL, 4, Duration.ofSeconds(5)),
        counter, clock, fixedRandom(0.0));
    gated.failures.put(app(0).name(), new RefusedException("listing tags of " + app(0).name() + ": no such repository (HTTP 404)"));
    for (int i = 0; i < 3; i++) {
      bounded.prefetch(app(i));
      gated.gate(app(i).name()).countDown();
    }
    assertThat(bounded.tags(app(1), soon())).containsExactly("1.0.0");
    assertThat(bounded.tags(app(2), soon())).containsExactly("1.0.0");
    assertThatThrownBy(() -> bounded.tags(app(0), soon())).isInstanceOf(RefusedException.class)
        .hasMessageContaining("no such repository");
    assertThat(bounded.statuses()).filteredOn(st -> st.lastProblem().isPresent())
        .extracting(RepositoryStatus::repository).containsExactly(app(0).name());
  }

  void noMoreInFlight(GatedRegistry gated, int most) {
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(gated.most.get()).isEqualTo(most));
  }

  void noMoreCallsTo(GatedRegistry gated, String repository, int calls) {
    await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(gated.calls(repository)).isEqualTo(calls));
  }

  @Test
  void statusesSayHowOldEachListIsAndForgetRepositoriesNoLongerAskedFor() throws Exception {
    catalogue.tags(IMAGE, soon());
    clock.advance(Duration.ofSeconds(40));
    assertThat(catalogue.statuses()).singleElement().satisfies(status -> {
      assertThat(status.repository()).isEqualTo(APP);
      assertThat(status.tags()).isEqualTo(1);
      assertThat(status.fetchedAt()).contains(clock.instant().minusSeconds(40));
      assertThat(status.lastProblem()).isEmpty();
    });
    clock.advance(INTERVAL.multipliedBy(3));
    assertThat(catalogue.statuses()).isEmpty();
  }
}
