package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.Deadline;

/**
 * Two passes of one {@link Pass} at once (a pass for some apps beside a pass over all, as the
 * runner starts for a pushed image): a target is run by one of them at a time, and neither
 * leaves one out.
 */
class OverlappingPassesTest {

  static final String IMAGE = "registry.example.org/app";
  static final String RANGED = "    image: " + IMAGE + ":${TAG}\n";

  @TempDir Path root;
  PassFixture f;
  Pass pass;

  @BeforeEach
  void twoAppsOnARange() {
    f = PassFixture.withImage(root, IMAGE, "1.0.0_a");
    for (String app : List.of("app-a", "app-b")) {
      f.registry.write(app + "/active/docker-stack.yml",
          TestRegistry.stack(IMAGE + ":${TAG}", "      TAG: \"~1.0.0\"\n", ""));
    }
    // One worker: the pass over all is on app-a and has not reached app-b.
    f.settings = f.settings.toBuilder().parallelism(1).build();
    pass = new Pass(f.ports(), f.settings, f.clock);
  }

  private static String tagOf(se.kth.aspen.core.port.DeployRequest request) {
    return request.images().get("web").tag().orElseThrow();
  }

  @Test
  void aPassBesideAnotherRunsAFreeTargetAtOnceAndATargetTheOtherRunsRightAfterIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    f.orchestrator.hangDeploy("app-a", release);
    List<AppResult> wholeHeard = new CopyOnWriteArrayList<>();
    AtomicReference<PassReport> whole = new AtomicReference<>();
    Thread first = Thread.ofVirtual().start(() -> whole.set(pass.run(PassMode.DEPLOY, wholeHeard::add)));
    await().atMost(Duration.ofSeconds(10)).until(() -> f.orchestrator.deploysInProgress() == 1);
    // Pushed after the pass over all resolved app-a's range.
    f.images.push(IMAGE, "1.0.1_b");

    List<AppResult> focusedHeard = new CopyOnWriteArrayList<>();
    AtomicReference<PassReport> focused = new AtomicReference<>();
    Thread second = Thread.ofVirtual().start(() -> focused.set(pass.runFor(Set.of("app-a", "app-b"), PassMode.DEPLOY,
        focusedHeard::add)));

    await().atMost(Duration.ofSeconds(10)).until(() -> focusedHeard.stream().anyMatch(r -> r.target().application().equals("app-b")));
    assertThat(focusedHeard).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(AppStatus.DEPLOYED));
    assertThat(f.orchestrator.deploysInProgress()).as("app-a is not deployed twice at once").isEqualTo(1);
    assertThat(second.isAlive()).as("app-a waits for the other pass's run of it").isTrue();

    release.countDown();
    first.join(Duration.ofSeconds(10));
    second.join(Duration.ofSeconds(10));

    assertThat(f.orchestrator.deploys()).extracting(r -> r.stackName() + " " + tagOf(r))
        .as("as each deploy ended; and the pass over all, reaching app-b after the other deployed it, leaves it at the newer tag")
        .containsExactly("app-b 1.0.1_b", "app-a 1.0.0_a", "app-a 1.0.1_b");
    assertThat(PassFixture.only(focused.get(), "app-a/active/docker-stack.yml").status())
        .as("the push came after the other pass resolved: app-a is deployed again, after it").isEqualTo(AppStatus.DEPLOYED);
    assertThat(PassFixture.only(whole.get(), "app-b/active/docker-stack.yml").status())
        .as("the pass over all still runs app-b, after the other deployed it").isEqualTo(AppStatus.UNCHANGED);
  }

  @Test
  void aPassThatWaitsForATargetDecidesAfterTheOtherRunAndNeverPutsBackWhatItResolvedBefore() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    f.orchestrator.hangDeploy("app-a", release);
    f.settings = f.settings.toBuilder().parallelism(2).build();
    pass = new Pass(f.ports(), f.settings, f.clock);
    // The first pass holds app-a, and resolves app-b's range to 1.0.0_a while app-a hangs.
    Thread first = Thread.ofVirtual().start(() -> pass.runFor(Set.of("app-a"), PassMode.DEPLOY, r -> {}));
    await().atMost(Duration.ofSeconds(10)).until(() -> f.orchestrator.deploysInProgress() == 1);
    f.images.push(IMAGE, "1.0.1_b");
    AtomicReference<PassReport> second = new AtomicReference<>();
    Thread other = Thread.ofVirtual().start(() -> second.set(pass.runFor(Set.of("app-a"), PassMode.DEPLOY, r -> {})));
    release.countDown();
    first.join(Duration.ofSeconds(10));
    other.join(Duration.ofSeconds(10));

    assertThat(f.orchestrator.deploys()).extracting(r -> r.stackName() + " " + tagOf(r))
        .containsExactly("app-a 1.0.0_a", "app-a 1.0.1_b");
    assertThat(second.get().results()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(AppStatus.DEPLOYED));
  }

  @Test
  void onlyAPassThatStartsAloneSyncsTheRegistry() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    f.orchestrator.hangDeploy("app-a", release);
    Thread first = Thread.ofVirtual().start(() -> pass.run(PassMode.DEPLOY, r -> {}));
    await().atMost(Duration.ofSeconds(10)).until(() -> f.orchestrator.deploysInProgress() == 1);

    PassReport beside = pass.runFor(Set.of("app-b"), PassMode.DEPLOY, r -> {});
    assertThat(f.source.syncs()).as("the pass beside works on the running pass's snapshot").isEqualTo(1);
    assertThat(beside.revision()).isEqualTo("rev-1");
    release.countDown();
    first.join(Duration.ofSeconds(10));

    pass.runFor(Set.of("app-b"), PassMode.DEPLOY, r -> {});
    assertThat(f.source.syncs()).as("alone again, a pass syncs").isEqualTo(2);
  }

  @Test
  void aTurnWaitedForPastTheDeadlineGivesTheWaitersAnswer() throws Exception {
    TargetTurns turns = new TargetTurns();
    AppTarget target = new AppTarget("app-a", "active", Path.of("app-a/active"), "app-a/active/docker-stack.yml");
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AppResult done = AppResult.skipped(target, "Test", "ran");
    Thread holder = Thread.ofVirtual().start(() -> {
      try {
        turns.run(target, System.nanoTime(), Deadline.in(Duration.ofSeconds(10)), waited -> {
          inside.countDown();
          await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
          return done;
        }, () -> null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    inside.await();
    AppResult late = AppResult.skipped(target, "Test", "waited too long");

    assertThat(turns.run(target, System.nanoTime(), Deadline.in(Duration.ofMillis(100)), waited -> done, () -> late)).isSameAs(late);
    assertThat(turns.run(new AppTarget("app-b", "active", Path.of("app-b/active"), "app-b/active/docker-stack.yml"), System.nanoTime(), Deadline.in(Duration.ofMillis(100)),
        waited -> done, () -> late)).as("another target has its own turn").isSameAs(done);
    release.countDown();
    holder.join(Duration.ofSeconds(10));
    assertThat(turns.run(target, System.nanoTime(), Deadline.in(Duration.ofMillis(100)), waited -> done, () -> late)).isSameAs(done);
  }
}
