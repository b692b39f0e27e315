package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stacks of this group whose directory left the registry: reported with since-when, pruned only after the grace. */
class OrphansPassTest {

  static final String IMAGE = "registry.example.org/app-a";

  @TempDir Path root;
  PassFixture f;

  @BeforeEach
  void twoAppsDeployedThenOneLeaves() throws Exception {
    f = PassFixture.withImage(root, IMAGE, "1.2.3_abc")
        .withStack("app-a/active/docker-stack.yml", TestRegistry.stack(IMAGE + ":1.2.3_abc"))
        .withStack("app-b/active/docker-stack.yml", TestRegistry.stack(IMAGE + ":1.2.3_abc"));
    f.orchestrator.listStacks();
    assertThat(f.deploy().count(AppStatus.DEPLOYED)).isEqualTo(2);
    f.registry.delete("app-b");
  }

  @Test
  void anOrphanIsReportedAndKeptWithoutPrune() {
    PassReport report = f.deploy();

    assertThat(report.orphans()).containsExactly(
        new Orphan("active", "app-b", f.clock.instant(), false, Optional.of("kept: PRUNE is off")));
    assertThat(f.orchestrator.removedStacks()).isEmpty();
  }

  @Test
  void withPruneAnOrphanIsRemovedOnlyOnceTheGraceHasPassedAndOnlyByADeployingPass() {
    f.settings = f.settings.toBuilder().prune(true).pruneGrace(Duration.ofHours(1)).build();
    Pass pass = new Pass(f.ports(), f.settings, f.clock);

    PassReport first = pass.run(PassMode.DEPLOY, PassListener.NONE);
    f.clock.advance(Duration.ofMinutes(59));
    PassReport within = pass.run(PassMode.DEPLOY, PassListener.NONE);
    f.clock.advance(Duration.ofMinutes(1));
    PassReport planned = pass.run(PassMode.PLAN, PassListener.NONE);
    PassReport pruned = pass.run(PassMode.DEPLOY, PassListener.NONE);
    PassReport after = pass.run(PassMode.DEPLOY, PassListener.NONE);

    assertThat(first.orphans()).singleElement().satisfies(o -> assertThat(o.note()).hasValueSatisfying(
        n -> assertThat(n).startsWith("kept until ")));
    assertThat(within.orphans()).singleElement().satisfies(o -> assertThat(o.removed()).isFalse());
    assertThat(planned.orphans()).singleElement().satisfies(o -> assertThat(o.note()).hasValue("a deploying pass removes it (PRUNE)"));
    assertThat(pruned.orphans()).singleElement().satisfies(o -> assertThat(o.removed()).isTrue());
    assertThat(f.orchestrator.removedStacks()).containsExactly("active/app-b");
    assertThat(after.orphans()).isEmpty();
    assertThat(PassFixture.only(after, "app-a/active/docker-stack.yml").status()).isEqualTo(AppStatus.UNCHANGED);
  }

  @Test
  void anAppWhoseDirectoryComesBackIsNoOrphanAndIsNotRemoved() {
    f.settings = f.settings.toBuilder().prune(true).pruneGrace(Duration.ofHours(1)).build();
    Pass pass = new Pass(f.ports(), f.settings, f.clock);
    pass.run(PassMode.DEPLOY, PassListener.NONE);
    f.registry.write("app-b/active/docker-stack.yml", TestRegistry.stack(IMAGE + ":1.2.3_abc"));
    f.clock.advance(Duration.ofHours(2));

    PassReport back = pass.run(PassMode.DEPLOY, PassListener.NONE);

    assertThat(back.orphans()).isEmpty();
    assertThat(f.orchestrator.removedStacks()).isEmpty();
  }

  @Test
  void anOrphanRemovedByAPassBesideIsNotRemovedAgainByAPassThatListedItBefore() throws Exception {
    f.settings = f.settings.toBuilder().prune(true).pruneGrace(Duration.ZERO).build();
    f.registry.write("app-c/active/docker-stack.yml", TestRegistry.stack(IMAGE + ":1.2.3_abc"));
    Pass pass = new Pass(f.ports(), f.settings, f.clock);
    // The pass over all lists the cluster, then waits in app-a's deploy...
    f.registry.write("app-a/active/docker-stack.yml", TestRegistry.stack(IMAGE + ":1.2.3_abc", "", "    command: [\"new\"]\n"));
    CountDownLatch release = new CountDownLatch(1);
    f.orchestrator.hangDeploy("app-a", release);
    AtomicReference<PassReport> whole = new AtomicReference<>();
    Thread first = Thread.ofVirtual().start(() -> whole.set(pass.run(PassMode.DEPLOY, PassListener.NONE)));
    await().atMost(Duration.ofSeconds(10)).until(() -> f.orchestrator.deploysInProgress() == 1 && f.orchestrator.listings() >= 2);

    // ...while a pass for app-c, beside it, finds app-b orphaned and removes it.
    PassReport focused = pass.runFor(Set.of("app-c"), PassMode.DEPLOY, PassListener.NONE);
    release.countDown();
    first.join(Duration.ofSeconds(10));

    assertThat(focused.orphans()).singleElement().satisfies(o -> assertThat(o.removed()).isTrue());
    assertThat(f.orchestrator.removedStacks()).as("removed once, by the pass that found it due first").containsExactly("active/app-b");
    assertThat(whole.get().orphans()).as("the other pass's listing is older than the removal: it says nothing of the stack").isEmpty();
  }
}
