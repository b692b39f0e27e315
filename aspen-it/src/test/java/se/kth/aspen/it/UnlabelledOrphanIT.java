package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.Orphan;
import se.kth.aspen.core.pass.PassMode;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.port.TargetState;

/**
 * Stacks the old tool deployed (the real {@code docker stack deploy}, so no Aspen label) and
 * Aspen adopted: once their directory leaves git they are orphans, known by Aspen's state, while
 * an unlabelled stack Aspen has no record of is never reported or touched.
 */
class UnlabelledOrphanIT extends Scenario {

  @Test
  void anAdoptedStackWhoseDirectoryLeftGitIsOrphanedAndPrunedWhileAForeignOneIsNeverTouched() throws Exception {
    String legacy = app("legacy");
    String foreign = app("unknown");
    writeStack(legacy, "active", StackFile.web());
    git.write("README.md", "the registry stays a tree when its one app leaves\n");
    git.commitAndPush("an app the Python tool deployed");
    deployWithTheCli(legacy, StackFile.web(), "1.2.4_0a1b2c3");
    deployWithTheCli(foreign, StackFile.web(), "1.2.4_0a1b2c3");
    PassReport adopted = aspen().pass().run(PassMode.ADOPT, result -> { });
    assertThat(result(adopted, legacy, "active").status()).as(describe(adopted)).isEqualTo(AppStatus.ADOPTED);

    git.delete(stackPath(legacy, "active"));
    git.commitAndPush("the app leaves");
    PassReport reported = aspen().deployPass();

    assertThat(reported.orphans()).as(describe(reported)).extracting(Orphan::stack).containsExactly(legacy);
    assertThat(reported.orphans().getFirst().note()).hasValue("kept: PRUNE is off");

    env.put("PRUNE", "true");
    env.put("PRUNE_GRACE", "10s");
    Aspen pruning = aspen();
    PassReport withinGrace = pruning.deployPass();
    clock.advance(Duration.ofSeconds(11));
    PassReport pruned = pruning.deployPass();
    PassReport after = pruning.deployPass();

    assertThat(withinGrace.orphans()).singleElement().satisfies(o -> assertThat(o.removed()).isFalse());
    assertThat(pruned.orphans()).as(describe(pruned)).singleElement().satisfies(o -> {
      assertThat(o.stack()).isEqualTo(legacy);
      assertThat(o.removed()).isTrue();
      assertThat(o.note()).isEmpty();
    });
    assertThat(engine.stackServices(legacy)).isEmpty();
    assertThat(pruning.state("active", stackPath(legacy, "active"))).isEqualTo(TargetState.NONE);
    assertThat(after.orphans()).isEmpty();
    assertThat(engine.stackServices(foreign)).isNotEmpty();
  }
}
