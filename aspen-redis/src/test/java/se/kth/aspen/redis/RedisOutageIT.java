package se.kth.aspen.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.Lease;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;
import se.kth.aspen.core.port.UnreachableException;

/**
 * Redis killed, frozen and started again under a store, on a redis-server of the test's own:
 * calls fail with a clear UnreachableException (never "nothing recorded"), and the store
 * recovers by itself.
 */
class RedisOutageIT {

  private static final TargetKey TARGET = new TargetKey("outage", "active", "team/app/active/docker-stack.yml");
  private static final DeployRecord GOOD =
      new DeployRecord("fp-1", Instant.parse("2026-01-01T10:00:00Z"), Map.of("web", "busybox:1.0.0_abc"), "rev-1");

  private final OwnRedis redis = OwnRedis.start();
  private final RedisStateStore store = RedisStateStore.connect(redis.url(), Duration.ofSeconds(1));

  @AfterEach
  void stop() {
    store.close();
    redis.close();
  }

  static java.util.stream.Stream<Arguments> everyCall() {
    ErrorMark mark = new ErrorMark(TARGET, "Verify");
    Lease lease = new Lease(TARGET, "0123456789abcdef0123456789abcdef");
    String on = "active/team/app/active/docker-stack.yml (group outage)";
    return java.util.stream.Stream.of(
        call("reading the state of " + on, s -> s.read(TARGET)),
        call("recording a deploy of " + on, s -> s.recordSuccess(TARGET, GOOD)),
        call("recording a failed deploy of " + on, s -> s.recordFailure(TARGET,
            new FailureRecord("fp-2", Instant.EPOCH, "Verify", "web: rejected", 1))),
        call("forgetting the state of " + on, s -> s.forget(TARGET)),
        call("forgetting the state of cluster active (group outage)", s -> s.forgetCluster("outage", "active")),
        call("counting the targets of group outage", s -> s.count("outage")),
        call("reading the error mark of " + on + " in step Verify", s -> s.errorReported(mark)),
        call("marking the error of " + on + " in step Verify as reported",
            s -> s.markErrorReported(mark, Instant.EPOCH, Duration.ofMinutes(1))),
        call("clearing the error marks of " + on, s -> s.clearErrorMarks(TARGET)),
        call("taking the lease on " + on, s -> s.tryLease(TARGET, Duration.ofMinutes(1))),
        call("renewing the lease on " + on, s -> s.renew(lease, Duration.ofMinutes(1))),
        call("releasing the lease on " + on, s -> s.release(lease)));
  }

  private static Arguments call(String attempted, ThrowingConsumer<StateStore> call) {
    return Arguments.of(attempted, call);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyCall")
  void everyCallFailsAsUnreachableWhileRedisIsDown(String attempted, ThrowingConsumer<StateStore> call)
      throws Exception {
    store.recordSuccess(TARGET, GOOD);
    redis.kill();

    assertThatThrownBy(() -> call.accept(store))
        .isInstanceOf(UnreachableException.class)
        .hasMessageStartingWith(attempted + " in Redis at " + redis.url() + ": cannot reach it (")
        .hasMessageContaining("Connection refused");
  }

  @Test
  void aRestartedRedisIsUsedAgainWithoutHelp() throws Exception {
    store.recordSuccess(TARGET, GOOD);
    assertThat(store.read(TARGET).lastGood()).contains(GOOD);

    redis.kill();
    assertThatThrownBy(() -> store.read(TARGET)).isInstanceOf(UnreachableException.class);
    redis.startAgain();

    // This server keeps nothing on disk: it comes back empty, and says so only once it answers.
    assertThat(store.read(TARGET)).isEqualTo(TargetState.NONE);
    store.recordSuccess(TARGET, GOOD);
    assertThat(store.read(TARGET).lastGood()).contains(GOOD);
    assertThat(store.tryLease(TARGET, Duration.ofMinutes(1))).isPresent();
  }

  @Test
  void theFirstCallAfterARestartUnnoticedByTheStoreSucceeds() throws Exception {
    store.recordSuccess(TARGET, GOOD);
    assertThat(store.read(TARGET).lastGood()).contains(GOOD);

    // No call while Redis is down: the pooled connection is stale when the next call takes it.
    redis.kill();
    redis.startAgain();

    assertThat(store.read(TARGET)).isEqualTo(TargetState.NONE);
    store.recordSuccess(TARGET, GOOD);
    assertThat(store.read(TARGET).lastGood()).contains(GOOD);
  }

  @Test
  void aRedisThatStopsAnsweringFailsTheCallWithinTheTimeoutAndRecovers() throws Exception {
    store.recordSuccess(TARGET, GOOD);

    redis.pause();
    try {
      assertThatThrownBy(() -> store.read(TARGET))
          .isInstanceOf(UnreachableException.class)
          .hasMessageStartingWith("reading the state of active/team/app/active/docker-stack.yml (group outage)"
              + " in Redis at " + redis.url() + ": cannot reach it (")
          .hasMessageContaining("timed out");
    } finally {
      redis.resume();
    }

    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(() -> store.read(TARGET).lastGood().equals(Optional.of(GOOD)));
  }

  @Test
  void aStoreMadeWhileRedisIsDownWorksOnceItIsUp() throws Exception {
    redis.kill();
    try (RedisStateStore early = RedisStateStore.connect(redis.url(), Duration.ofSeconds(1))) {
      assertThatThrownBy(() -> early.count("outage")).isInstanceOf(UnreachableException.class);
      redis.startAgain();

      assertThat(early.count("outage")).isZero();
    }
  }
}
