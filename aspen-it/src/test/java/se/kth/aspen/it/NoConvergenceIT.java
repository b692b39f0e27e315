package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.FailureKind;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

/**
 * Scenario 7 under the rules of tried-and-failed states: a service the swarm cannot place fails verification with
 * the task's own error; nothing is recorded as good, the failed desired state is, and later
 * passes leave it alone until it changes or a retry is asked for.
 */
class NoConvergenceIT extends Scenario {

  private final String greedy = app("greedy");

  @BeforeEach
  void fewVerifyAttempts() {
    env.put("VERIFY_START_RETRY_TIMES", "4");
  }

  private StackFile reserving(String memory) {
    StackFile stack = StackFile.web();
    stack.service("web").memoryReservation(memory);
    return stack;
  }

  @Test
  void aServiceThatCannotBePlacedFailsWithTheTaskErrorAndIsBlockedUntilRetriedOrChanged() throws Exception {
    writeStack(greedy, "active", reserving("512G"));
    git.commitAndPush("a service no node can hold");
    Aspen aspen = aspen();

    PassReport first = aspen.deployPass();

    AppResult failed = result(first, greedy, "active");
    assertThat(failed.status()).as(describe(first)).isEqualTo(AppStatus.FAILED);
    assertThat(failed.failure()).contains(FailureKind.TRIED_AND_FAILED);
    assertThat(failed.step()).contains("Verify");
    assertThat(failed.reason().orElseThrow()).contains("insufficient resources");
    TargetState state = aspen.state("active", stackPath(greedy, "active"));
    assertThat(state.lastGood()).isEmpty();
    assertThat(state.lastFailed()).hasValueSatisfying(f -> {
      assertThat(f.step()).isEqualTo("Verify");
      assertThat(f.attempts()).isEqualTo(1);
    });
    drainNotices(aspen);
    assertThat(errors()).hasSize(1);

    Instant since = Instant.now();
    PassReport second = aspen.deployPass();
    AppResult blocked = result(second, greedy, "active");
    assertThat(blocked.status()).as(describe(second)).isEqualTo(AppStatus.BLOCKED);
    assertThat(blocked.reason().orElseThrow()).contains("insufficient resources");
    assertThat(blocked.blockedSince()).contains(clock.instant());
    assertThat(writesSince(since)).as("a blocked desired state is not applied again").isEmpty();
    drainNotices(aspen);
    assertThat(errors()).as("a blocked app is not announced again").hasSize(1);

    assertThat(aspen.pass().retry(new TargetKey(aspen.configuration().managementGroup(), "active",
        stackPath(greedy, "active")))).isTrue();
    PassReport retried = aspen.deployPass();
    assertThat(result(retried, greedy, "active").status()).as(describe(retried)).isEqualTo(AppStatus.FAILED);
    assertThat(aspen.state("active", stackPath(greedy, "active")).lastFailed()).isPresent();

    writeStack(greedy, "active", reserving("8M"));
    git.commitAndPush("ask for what a node has");
    // The runner restarted with patience for the swarm to replace the pending task.
    env.put("VERIFY_START_RETRY_TIMES", "30");
    env.put("NOTIFY_RECOVERIES", "true");
    aspen = aspen();
    PassReport fixed = aspen.deployPass();
    assertThat(result(fixed, greedy, "active").status()).as(describe(fixed)).isEqualTo(AppStatus.DEPLOYED);
    assertThat(aspen.state("active", stackPath(greedy, "active")).lastFailed()).isEmpty();
    drainNotices(aspen);
    assertThat(errors().getLast().path("message").asText()).startsWith("Recovered: *active/" + greedy + "*");
  }

  @Test
  void anImageTagMissingFromTheRegistryFailsBeforeTheClusterIsTouchedAndRecordsNothing() throws Exception {
    StackFile stack = StackFile.web();
    stack.service("web").image("127.0.0.1:5000/busybox:9.9.9_missing");
    writeStack(greedy, "active", stack);
    git.commitAndPush("a tag nobody pushed");
    Aspen aspen = aspen();

    PassReport report = aspen.deployPass();

    AppResult failed = result(report, greedy, "active");
    assertThat(failed.status()).as(describe(report)).isEqualTo(AppStatus.FAILED);
    assertThat(failed.reason().orElseThrow()).contains("9.9.9_missing");
    assertThat(engine.stackServices(greedy)).isEmpty();
    assertThat(aspen.state("active", stackPath(greedy, "active"))).isEqualTo(TargetState.NONE);
  }
}
