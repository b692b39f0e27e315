package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.Orphan;
import se.kth.aspen.core.pass.PassReport;

/** A stack whose directory left git: reported, kept through the grace, then pruned; stacks not Aspen's never touched. */
class OrphanIT extends Scenario {

  @Test
  void aRemovedAppIsOrphanedThenPrunedAfterTheGraceWhileAStackWithoutTheLabelIsNeverTouched() throws Exception {
    String kept = app("keep");
    String gone = app("gone");
    String foreign = app("foreign");
    writeStack(kept, "active", StackFile.web());
    writeStack(gone, "active", StackFile.web());
    git.commitAndPush("two apps");
    PassReport first = aspen().deployPass();
    assertThat(first.results()).as(describe(first)).allMatch(r -> r.status() == AppStatus.DEPLOYED);
    engine.docker("service", "create", "--quiet", "--detach", "--name", foreign + "_web", "--label",
        "com.docker.stack.namespace=" + foreign, testEnv.testImage() + ":1.0.0_abc");

    git.delete(stackPath(gone, "active"));
    git.commitAndPush("one app leaves");
    PassReport reported = aspen().deployPass();

    assertThat(reported.orphans()).extracting(Orphan::stack).containsExactly(gone);
    assertThat(reported.orphans().getFirst().note()).hasValue("kept: PRUNE is off");
    assertThat(engine.stackServices(gone)).isNotEmpty();

    env.put("PRUNE", "true");
    env.put("PRUNE_GRACE", "10s");
    Aspen pruning = aspen();
    PassReport withinGrace = pruning.deployPass();
    clock.advance(Duration.ofSeconds(11));
    PassReport pruned = pruning.deployPass();
    PassReport after = pruning.deployPass();

    assertThat(withinGrace.orphans()).singleElement().satisfies(o -> {
      assertThat(o.removed()).isFalse();
      assertThat(o.note().orElseThrow()).startsWith("kept until ");
    });
    assertThat(pruned.orphans()).singleElement().satisfies(o -> assertThat(o.removed()).isTrue());
    assertThat(engine.stackServices(gone)).isEmpty();
    assertThat(after.orphans()).isEmpty();
    assertThat(engine.stackServices(kept)).isNotEmpty();
    assertThat(engine.stackServices(foreign)).isNotEmpty();
    assertThat(after.results()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(AppStatus.UNCHANGED));
  }
}
