package se.kth.aspen.runner.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.PassListener;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.runner.http.Reports;

/**
 * The loop's rules for passes at once, with a fake pass that blocks until told: a push during a
 * pass starts its own pass at once; whole passes never overlap, nor start beside another pass;
 * the last report keeps each app's newest result; stop waits for every pass.
 */
class SyncLoopOverlapTest {

  private SyncLoop loop;

  @AfterEach
  void stop() throws Exception {
    if (loop != null) {
      loop.shutdown(Duration.ofSeconds(5));
    }
  }

  /** A pass execution whose passes block until released, and that says which run at once. */
  private static final class Blocking implements PassExecution {
    final CountDownLatch wholeRelease = new CountDownLatch(1);
    final List<CountDownLatch> focusedReleases = new CopyOnWriteArrayList<>();
    final List<Set<String>> focusedStarted = new CopyOnWriteArrayList<>();
    final AtomicInteger wholeStarted = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger wholeRunning = new AtomicInteger();
    final AtomicInteger mostWholeAtOnce = new AtomicInteger();
    volatile AppResult wholeResultForB = Reports.deployed("app-b", "active", "img:1");

    @Override
    public PassReport run(PassListener listener) throws Exception {
      running.incrementAndGet();
      mostWholeAtOnce.accumulateAndGet(wholeRunning.incrementAndGet(), Math::max);
      wholeStarted.incrementAndGet();
      try {
        AppResult a = Reports.deployed("app-a", "active", "img:1");
        AppResult b = wholeResultForB;
        listener.onResult(b);
        wholeRelease.await();
        listener.onResult(a);
        return Reports.report("rev-1", a, b);
      } finally {
        wholeRunning.decrementAndGet();
        running.decrementAndGet();
      }
    }

    @Override
    public PassReport runFor(Set<String> applications, PassListener listener) throws Exception {
      running.incrementAndGet();
      CountDownLatch release = new CountDownLatch(1);
      focusedReleases.add(release);
      focusedStarted.add(applications);
      try {
        release.await();
        AppResult b = Reports.blocked("app-b", "active", java.time.Instant.EPOCH);
        listener.onResult(b);
        return Reports.report("rev-1", b);
      } finally {
        running.decrementAndGet();
      }
    }
  }

  @Test
  void aPushDuringAWholePassStartsItsFocusedPassAtOnceBesideIt() {
    Blocking passes = new Blocking();
    loop = new SyncLoop(passes, Duration.ofHours(1), List.of());
    loop.begin(true);
    eventually(() -> passes.wholeStarted.get() == 1);

    loop.trigger(Set.of("app-b"));

    eventually(() -> passes.focusedStarted.size() == 1);
    assertThat(passes.running).as("the focused pass runs beside the whole one").hasValue(2);
    assertThat(loop.running()).extracting(SyncLoop.RunningPass::kind)
        .containsExactly(SyncLoop.Kind.WHOLE, SyncLoop.Kind.FOCUSED);
    assertThat(loop.running().get(1).applications()).containsExactly("app-b");
    assertThat(loop.state()).isEqualTo(LoopState.RUNNING);
    passes.focusedReleases.getFirst().countDown();
    passes.wholeRelease.countDown();
    eventually(() -> loop.running().isEmpty());
  }

  @Test
  void pushesDuringFocusedPassesEachStartAtOnceUpToTheBoundAndTheRestGatherIntoOne() {
    Blocking passes = new Blocking();
    loop = new SyncLoop(passes, Duration.ofHours(1), List.of());
    loop.begin(false);
    for (int i = 0; i < SyncLoop.MAX_FOCUSED; i++) {
      loop.trigger(Set.of("app-" + i));
      int started = i + 1;
      eventually(() -> passes.focusedStarted.size() == started);
    }

    loop.trigger(Set.of("app-x"));
    loop.trigger(Set.of("app-y"));

    assertThat(passes.focusedStarted).hasSize(SyncLoop.MAX_FOCUSED);
    passes.focusedReleases.getFirst().countDown();
    eventually(() -> passes.focusedStarted.size() == SyncLoop.MAX_FOCUSED + 1);
    assertThat(passes.focusedStarted.getLast()).containsExactlyInAnyOrder("app-x", "app-y");
    passes.focusedReleases.forEach(CountDownLatch::countDown);
    eventually(() -> loop.running().isEmpty());
    assertThat(passes.wholeStarted).as("the loop is off: no whole pass").hasValue(0);
  }

  @Test
  void aWholePassWaitsForTheFocusedPassesAndNeverOverlapsAnother() {
    Blocking passes = new Blocking();
    passes.wholeRelease.countDown();
    loop = new SyncLoop(passes, Duration.ofHours(1), List.of());
    loop.begin(false);
    loop.trigger(Set.of("app-b"));
    eventually(() -> passes.focusedStarted.size() == 1);

    loop.trigger();
    loop.trigger();

    await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> true);
    assertThat(passes.wholeStarted).as("a whole pass syncs the registry: it waits until no pass runs").hasValue(0);
    passes.focusedReleases.getFirst().countDown();
    eventually(() -> passes.wholeStarted.get() == 1 && loop.running().isEmpty());
    assertThat(passes.mostWholeAtOnce).hasValue(1);
  }

  @Test
  void theLastReportShowsEachAppsResultGivenLastWhicheverPassEndsLast() {
    Blocking passes = new Blocking();
    // The whole pass gives app-b's result early, then waits on app-a.
    wholePassThenAPushForAppB(passes);

    // The focused pass runs app-b after the whole pass did, and ends first.
    passes.focusedReleases.getFirst().countDown();
    eventually(() -> loop.lastReport().isPresent());
    passes.wholeRelease.countDown();
    eventually(() -> loop.running().isEmpty());

    assertThat(loop.lastReport().orElseThrow().results()).extracting(r -> r.target().application() + " " + r.status())
        .containsExactly("app-a DEPLOYED", "app-b BLOCKED");
  }

  @Test
  void stopWaitsForEveryRunningPass() throws Exception {
    Blocking passes = new Blocking();
    wholePassThenAPushForAppB(passes);
    CompletableFuture<Boolean> stopped = new CompletableFuture<>();
    Thread stopper = Thread.ofPlatform().start(() -> {
      try {
        stopped.complete(loop.shutdown(Duration.ofSeconds(30)));
      } catch (InterruptedException e) {
        stopped.completeExceptionally(e);
      }
    });
    eventually(() -> stopper.getState() == Thread.State.TIMED_WAITING);

    passes.wholeRelease.countDown();
    eventually(() -> passes.running.get() == 1);
    assertThat(stopped).as("the focused pass still runs: stop is still waiting").isNotDone();
    passes.focusedReleases.getFirst().countDown();

    assertThat(stopped.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(passes.running).as("nothing left running").hasValue(0);
    assertThat(loop.running()).isEmpty();
    assertThat(loop.trigger(Set.of("app-c"))).isFalse();
  }

  @Test
  void stopAbandonsEveryPassThatOutlastsTheGrace() throws Exception {
    Blocking passes = new Blocking();
    wholePassThenAPushForAppB(passes);

    assertThat(loop.shutdown(Duration.ofMillis(200))).isFalse();

    eventually(() -> passes.running.get() == 0);
  }

  /** Starts the loop with a whole pass, then pushes for app-b while it runs: both passes under way. */
  private void wholePassThenAPushForAppB(Blocking passes) {
    loop = new SyncLoop(passes, Duration.ofHours(1), List.of());
    loop.begin(true);
    eventually(() -> passes.wholeStarted.get() == 1);
    loop.trigger(Set.of("app-b"));
    eventually(() -> passes.focusedStarted.size() == 1);
  }

  private static void eventually(Callable<Boolean> condition) {
    await().atMost(Duration.ofSeconds(10)).until(condition);
  }
}
