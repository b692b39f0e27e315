package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.pass.Ports;

/**
 * Scenario 9: two runners sharing one Redis (the same management group), passing at the same
 * moment over several commits, never deploy the same target at once.
 */
class SharedRedisIT extends Scenario {

  private final String one = app("one");
  private final String two = app("two");

  private Aspen runner(String name, WatchedOrchestrator.Overlaps overlaps) {
    env.put("REGISTRY_SUB_DIRECTORY", dir.resolve("checkout-" + name).toString());
    env.put("ASPEN_RUNNER_NAME", name);
    Aspen aspen = Aspen.compose(env, dir, clock, ports -> new Ports(ports.registry(), ports.clusters(), ports.images(),
        ports.secrets(), new WatchedOrchestrator(ports.orchestrator(), overlaps), ports.state(), ports.notifier()));
    closing.add(aspen);
    return aspen;
  }

  private void commitRound(int round) {
    for (String app : List.of(one, two)) {
      StackFile stack = StackFile.web();
      stack.service("web").env("ROUND", Integer.toString(round));
      writeStack(app, "active", stack);
    }
    git.commitAndPush("round " + round);
  }

  @Test
  void twoRunnersPassingTogetherNeverDeployTheSameTargetAtOnce() throws Exception {
    WatchedOrchestrator.Overlaps overlaps = new WatchedOrchestrator.Overlaps();
    Aspen first = runner("first", overlaps);
    Aspen second = runner("second", overlaps);
    List<PassReport> firstReports = new ArrayList<>();
    List<PassReport> secondReports = new ArrayList<>();

    for (int round = 1; round <= 3; round++) {
      commitRound(round);
      CountDownLatch go = new CountDownLatch(1);
      CompletableFuture<PassReport> a = CompletableFuture.supplyAsync(() -> awaitThen(go, first));
      CompletableFuture<PassReport> b = CompletableFuture.supplyAsync(() -> awaitThen(go, second));
      go.countDown();
      firstReports.add(a.get());
      secondReports.add(b.get());
      for (String app : List.of(one, two)) {
        assertThat(engine.serviceEnv(app + "_web")).contains("ROUND=" + round);
      }
    }

    assertThat(overlaps.deploys()).as("every round deployed both apps").isGreaterThanOrEqualTo(6);
    assertThat(overlaps.most()).as("most deploys of one stack under way at once").containsOnlyKeys(one, two)
        .allSatisfy((stack, most) -> assertThat(most).isEqualTo(1));
    leftToThePeer(firstReports, "second");
    leftToThePeer(secondReports, "first");
  }

  /**
   * Every result is deployed, unchanged, held by the peer, or a failure to even try that has
   * nothing to do with the lease (a slow machine's timeout); a target whose lease the peer held
   * is HELD, naming the peer, and never a failure.
   */
  private static void leftToThePeer(List<PassReport> reports, String peer) {
    assertThat(reports).flatMap(PassReport::results)
        .allSatisfy(r -> assertThat(r.status() == AppStatus.DEPLOYED || r.status() == AppStatus.UNCHANGED
            || r.status() == AppStatus.HELD || r.couldNotTry()).as(r.toString()).isTrue())
        .filteredOn(r -> r.step().filter("Lease"::equals).isPresent())
        .allSatisfy(r -> {
          assertThat(r.status()).as(r.toString()).isEqualTo(AppStatus.HELD);
          assertThat(r.heldBy().orElseThrow().runner()).as("names the peer").contains(peer);
        });
  }

  private static PassReport awaitThen(CountDownLatch go, Aspen aspen) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return aspen.deployPass();
  }
}
