package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;
import se.kth.aspen.core.port.UnreachableException;

/**
 * Stacks that carry no group's label, as the old tool (or an Aspen before the label) left them:
 * an orphan only when the group's state has a record of the app on the cluster.
 */
class UnlabelledOrphansPassTest {

  static final String IMAGE = "registry.example.org/app-a";
  static final String OLD = "team/old-app/active/docker-stack.yml";

  @TempDir Path root;
  PassFixture f;

  @BeforeEach
  void anAdoptedAppLeavesGitBesideAStackNobodyRecorded() throws Exception {
    f = PassFixture.withImage(root, IMAGE, "1.2.3_abc").withStack(OLD, TestRegistry.stack(IMAGE + ":1.2.3_abc"));
    f.orchestrator.runs("active", "old-app", Map.of("web", IMAGE + ":1.2.3_abc"));
    f.orchestrator.runs("active", "foreign", Map.of("web", IMAGE + ":1.2.3_abc"));
    f.orchestrator.listStacks();
    // Another group's record of the foreign stack: not this group's, so it stays foreign.
    f.state.recordSuccess(new TargetKey("other-group", "active", "x/foreign/active/docker-stack.yml"),
        new DeployRecord("fp", Instant.EPOCH, Map.of(), "rev-0"));
    assertThat(PassFixture.only(f.run(PassMode.ADOPT), OLD).status()).isEqualTo(AppStatus.ADOPTED);
    f.registry.delete("team");
  }

  @Test
  void anUnlabelledStackTheGroupRecordedIsAnOrphanAndOneItDidNotIsNeverReported() {
    PassReport report = f.deploy();

    assertThat(report.orphans()).containsExactly(
        new Orphan("active", "old-app", f.clock.instant(), false, Optional.of("kept: PRUNE is off")));
    assertThat(report.problems()).isEmpty();
  }

  @Test
  void prunedAfterTheGraceItsRecordIsForgottenSoADirectoryThatComesBackDeploysAgain() throws Exception {
    f.settings = f.settings.toBuilder().prune(true).pruneGrace(Duration.ofMinutes(10)).build();
    Pass pass = new Pass(f.ports(), f.settings, f.clock);
    pass.run(PassMode.DEPLOY, PassListener.NONE);
    f.clock.advance(Duration.ofMinutes(10));

    PassReport pruned = pass.run(PassMode.DEPLOY, PassListener.NONE);
    f.registry.write(OLD, TestRegistry.stack(IMAGE + ":1.2.3_abc"));
    PassReport back = pass.run(PassMode.DEPLOY, PassListener.NONE);

    assertThat(pruned.orphans()).singleElement().satisfies(o -> {
      assertThat(o.stack()).isEqualTo("old-app");
      assertThat(o.removed()).isTrue();
      assertThat(o.note()).isEmpty();
    });
    assertThat(f.orchestrator.removedStacks()).containsExactly("active/old-app");
    assertThat(PassFixture.only(back, OLD).status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(f.state.read(new TargetKey(PassFixture.GROUP, "active", OLD))).isNotEqualTo(TargetState.NONE);
  }

  @Test
  void aStateThatCannotBeListedIsACouldNotCheckProblemAndNothingIsRemoved() {
    ScriptedStateStore store = new ScriptedStateStore(f.state);
    store.failListings(new UnreachableException("reading the state in Redis: connection refused"));
    f.passState = store;
    f.settings = f.settings.toBuilder().prune(true).pruneGrace(Duration.ZERO).build();

    PassReport report = f.deploy();

    assertThat(report.orphans()).isEmpty();
    assertThat(report.driftNotChecked()).containsExactly("orphans could not be checked on cluster active: the stacks "
        + "without Aspen's label could not be looked up in its state: reading the state in Redis: connection refused");
    assertThat(f.orchestrator.removedStacks()).isEmpty();
  }
}
