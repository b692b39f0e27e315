package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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
}
