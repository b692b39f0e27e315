package se.kth.aspen.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.Lease;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

/**
 * What every {@link StateStore} must do, whatever keeps the state. An adapter's test extends this
 * class and supplies {@link #newStore()}; stores whose expiry runs on an injected clock also
 * override {@link #passTime(Duration)}, so that expiry needs no waiting.
 *
 * <p>Every test works in its own fresh management group ({@link #group}), so stores backed by a
 * shared server (Redis) need no cleaning between tests.
 */
public abstract class StateStoreContract {

  protected StateStore store;
  protected String group;

  /** A store to test; called before each test. */
  protected abstract StateStore newStore() throws Exception;

  /**
   * Lets {@code duration} pass for the store's expiry. The default does nothing: stores on real
   * time (Redis) expire on their own and the tests poll for it.
   */
  protected void passTime(Duration duration) {}

  /** A TTL short enough to wait out on real time, long enough not to lapse during a call. */
  protected Duration shortTtl() {
    return Duration.ofMillis(600);
  }

  @BeforeEach
  void createStore() throws Exception {
    group = "contract-" + UUID.randomUUID();
    store = newStore();
  }

  private TargetKey key(String cluster, String app) {
    return new TargetKey(group, cluster, "team/" + app + "/" + cluster + "/docker-stack.yml");
  }

  private static DeployRecord good(String fingerprint) {
    return new DeployRecord(
        fingerprint, Instant.parse("2026-01-01T10:00:00Z"), Map.of("web", "127.0.0.1:5000/app:1.2.3_abc"), "rev-1");
  }

  private static FailureRecord failed(String fingerprint) {
    return new FailureRecord(fingerprint, Instant.parse("2026-01-01T11:00:00Z"), "Verify", "web: rejected", 1);
  }

  private void awaitExpiry(Duration ttl, java.util.concurrent.Callable<Boolean> expired) {
    passTime(ttl.plusMillis(1));
    await().atMost(ttl.multipliedBy(10).plusSeconds(2)).pollInterval(Duration.ofMillis(50)).until(expired);
  }

  @Test
  void aTargetWithNothingRecordedReadsAsNone() throws Exception {
    assertThat(store.read(key("active", "app"))).isEqualTo(TargetState.NONE);
  }

  @Test
  void aRecordedSuccessIsReadBackWithEveryField() throws Exception {
    store.recordSuccess(key("active", "app"), good("fp-1"));

    assertThat(store.read(key("active", "app"))).isEqualTo(new TargetState(Optional.of(good("fp-1")), Optional.empty()));
  }

  @Test
  void aRecordedFailureKeepsTheLastGoodDeployApart() throws Exception {
    store.recordSuccess(key("active", "app"), good("fp-1"));
    store.recordFailure(key("active", "app"), failed("fp-2"));

    TargetState state = store.read(key("active", "app"));
    assertThat(state.lastGood()).contains(good("fp-1"));
    assertThat(state.lastFailed()).contains(failed("fp-2"));
  }

  @Test
  void aFailureWithoutAnyGoodDeployIsKept() throws Exception {
    store.recordFailure(key("active", "app"), failed("fp-2"));

    assertThat(store.read(key("active", "app"))).isEqualTo(new TargetState(Optional.empty(), Optional.of(failed("fp-2"))));
  }

  @Test
  void aLaterFailureReplacesTheEarlierOne() throws Exception {
    store.recordFailure(key("active", "app"), failed("fp-2"));
    FailureRecord again = new FailureRecord("fp-2", Instant.parse("2026-01-01T11:00:00Z"), "Verify", "still", 2);
    store.recordFailure(key("active", "app"), again);

    assertThat(store.read(key("active", "app")).lastFailed()).contains(again);
  }

  @Test
  void aSuccessClearsTheLastFailure() throws Exception {
    store.recordFailure(key("active", "app"), failed("fp-2"));
    store.recordSuccess(key("active", "app"), good("fp-3"));

    assertThat(store.read(key("active", "app"))).isEqualTo(new TargetState(Optional.of(good("fp-3")), Optional.empty()));
  }

  @Test
  void readingManyTargetsAtOnceGivesEachItsOwnStateAndNoneForTheUnrecorded() throws Exception {
    store.recordSuccess(key("active", "one"), good("fp-1"));
    store.recordSuccess(key("active", "two"), good("fp-2"));
    store.recordFailure(key("active", "two"), failed("fp-3"));

    assertThat(store.readAll(List.of(key("active", "one"), key("active", "two"), key("active", "three"))))
        .isEqualTo(Map.of(
            key("active", "one"), new TargetState(Optional.of(good("fp-1")), Optional.empty()),
            key("active", "two"), new TargetState(Optional.of(good("fp-2")), Optional.of(failed("fp-3"))),
            key("active", "three"), TargetState.NONE));
  }

  @Test
  void readingNoTargetsAtOnceGivesNothing() throws Exception {
    assertThat(store.readAll(List.of())).isEmpty();
  }

  @Test
  void forgettingATargetForgetsBothRecordsAndSaysSo() throws Exception {
    store.recordSuccess(key("active", "app"), good("fp-1"));
    store.recordFailure(key("active", "app"), failed("fp-2"));

    assertThat(store.forget(key("active", "app"))).isTrue();
    assertThat(store.read(key("active", "app"))).isEqualTo(TargetState.NONE);
    assertThat(store.forget(key("active", "app"))).isFalse();
  }

  @Test
  void forgettingOneTargetLeavesTheOthers() throws Exception {
    store.recordSuccess(key("active", "a"), good("fp-a"));
    store.recordSuccess(key("active", "b"), good("fp-b"));

    store.forget(key("active", "a"));

    assertThat(store.read(key("active", "b")).lastGood()).contains(good("fp-b"));
  }

  @Test
  void forgettingAClusterForgetsOnlyThatClusterOfThatGroup() throws Exception {
    store.recordSuccess(key("active", "a"), good("fp"));
    store.recordFailure(key("active", "b"), failed("fp"));
    store.recordSuccess(key("stage", "a"), good("fp"));
    TargetKey otherGroup = new TargetKey(group + "-other", "active", "team/a/active/docker-stack.yml");
    store.recordSuccess(otherGroup, good("fp"));

    assertThat(store.forgetCluster(group, "active")).isEqualTo(2);

    assertThat(store.read(key("active", "a"))).isEqualTo(TargetState.NONE);
    assertThat(store.read(key("active", "b"))).isEqualTo(TargetState.NONE);
    assertThat(store.read(key("stage", "a")).lastGood()).isPresent();
    assertThat(store.read(otherGroup).lastGood()).isPresent();
    store.forget(otherGroup);
  }

  @Test
  void countCountsTheTargetsOfOneGroup() throws Exception {
    assertThat(store.count(group)).isZero();
    store.recordSuccess(key("active", "a"), good("fp"));
    store.recordFailure(key("active", "b"), failed("fp"));
    store.recordSuccess(key("stage", "a"), good("fp"));
    TargetKey otherGroup = new TargetKey(group + "-other", "active", "team/a/active/docker-stack.yml");
    store.recordSuccess(otherGroup, good("fp"));

    assertThat(store.count(group)).isEqualTo(3);
    assertThat(store.count(group + "-other")).isEqualTo(1);
    store.forget(otherGroup);
  }

  @Test
  void theRecordedStackPathsAreThoseOfOneClusterOfOneGroupWhateverTheRecord() throws Exception {
    store.recordSuccess(key("active", "a"), good("fp"));
    store.recordFailure(key("active", "b"), failed("fp"));
    store.recordSuccess(key("stage", "c"), good("fp"));
    TargetKey otherGroup = new TargetKey(group + "-other", "active", "team/d/active/docker-stack.yml");
    store.recordSuccess(otherGroup, good("fp"));

    assertThat(store.recordedStackPaths(group, "active")).containsExactlyInAnyOrder(
        key("active", "a").stackPath(), key("active", "b").stackPath());
    assertThat(store.recordedStackPaths(group, "prod")).isEmpty();
    store.forget(key("active", "a"));
    assertThat(store.recordedStackPaths(group, "active")).containsExactly(key("active", "b").stackPath());
    store.forget(otherGroup);
  }

  @Test
  void groupsDoNotSeeEachOthersRecords() throws Exception {
    TargetKey mine = key("active", "app");
    TargetKey theirs = new TargetKey(group + "-other", mine.cluster(), mine.stackPath());
    store.recordSuccess(mine, good("fp-mine"));

    assertThat(store.read(theirs)).isEqualTo(TargetState.NONE);
    assertThat(store.forget(theirs)).isFalse();
    assertThat(store.read(mine).lastGood()).contains(good("fp-mine"));
  }

  @Test
  void anErrorNotReportedHasNoMark() throws Exception {
    assertThat(store.errorReported(new ErrorMark(key("active", "app"), "Verify"))).isEmpty();
  }

  @Test
  void anErrorMarkGivesBackWhenItWasReported() throws Exception {
    ErrorMark mark = new ErrorMark(key("active", "app"), "Verify");
    Instant at = Instant.parse("2026-01-01T12:00:00.123Z");
    store.markErrorReported(mark, at, Duration.ofMinutes(30));

    assertThat(store.errorReported(mark)).contains(at);
    assertThat(store.errorReported(new ErrorMark(key("active", "app"), "Deploy"))).isEmpty();
    assertThat(store.errorReported(new ErrorMark(key("stage", "app"), "Verify"))).isEmpty();
  }

  @Test
  void anErrorMarkExpiresAfterItsTtl() throws Exception {
    ErrorMark mark = new ErrorMark(key("active", "app"), "Verify");
    store.markErrorReported(mark, Instant.parse("2026-01-01T12:00:00Z"), shortTtl());

    awaitExpiry(shortTtl(), () -> store.errorReported(mark).isEmpty());
  }

  @Test
  void clearingErrorMarksClearsEveryStepOfThatTargetOnly() throws Exception {
    ErrorMark verify = new ErrorMark(key("active", "app"), "Verify");
    ErrorMark deploy = new ErrorMark(key("active", "app"), "Deploy");
    ErrorMark other = new ErrorMark(key("active", "other"), "Verify");
    Instant at = Instant.parse("2026-01-01T12:00:00Z");
    for (ErrorMark m : new ErrorMark[] {verify, deploy, other}) {
      store.markErrorReported(m, at, Duration.ofMinutes(30));
    }

    store.clearErrorMarks(key("active", "app"));

    assertThat(store.errorReported(verify)).isEmpty();
    assertThat(store.errorReported(deploy)).isEmpty();
    assertThat(store.errorReported(other)).contains(at);
  }

  @Test
  void aLeaseIsExclusiveWhileHeld() throws Exception {
    Optional<Lease> first = store.tryLease(key("active", "app"), Duration.ofMinutes(1));
    Optional<Lease> second = store.tryLease(key("active", "app"), Duration.ofMinutes(1));

    assertThat(first).isPresent();
    assertThat(second).isEmpty();
    assertThat(store.tryLease(key("stage", "app"), Duration.ofMinutes(1))).isPresent();
  }

  @Test
  void aReleasedLeaseCanBeTakenAgain() throws Exception {
    Lease lease = store.tryLease(key("active", "app"), Duration.ofMinutes(1)).orElseThrow();
    store.release(lease);

    assertThat(store.tryLease(key("active", "app"), Duration.ofMinutes(1))).isPresent();
  }

  @Test
  void onlyTheOwnerCanReleaseOrRenewALease() throws Exception {
    Lease lease = store.tryLease(key("active", "app"), Duration.ofMinutes(1)).orElseThrow();
    Lease impostor = new Lease(lease.target(), "not-" + lease.token());

    store.release(impostor);

    assertThat(store.renew(impostor, Duration.ofMinutes(1))).isFalse();
    assertThat(store.tryLease(key("active", "app"), Duration.ofMinutes(1))).isEmpty();
    assertThat(store.renew(lease, Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void anExpiredLeaseCanBeTakenByAnotherAndNoLongerRenewed() throws Exception {
    Lease lease = store.tryLease(key("active", "app"), shortTtl()).orElseThrow();

    passTime(shortTtl().plusMillis(1));
    await().atMost(shortTtl().multipliedBy(10).plusSeconds(2)).pollInterval(Duration.ofMillis(50))
        .until(() -> store.tryLease(key("active", "app"), Duration.ofMinutes(1)).isPresent());

    assertThat(store.renew(lease, Duration.ofMinutes(1))).isFalse();
  }

  @Test
  void aRenewedLeaseOutlivesItsFirstTtl() throws Exception {
    Duration ttl = shortTtl().multipliedBy(4);
    Lease lease = store.tryLease(key("active", "app"), ttl).orElseThrow();

    assertThat(store.renew(lease, Duration.ofMinutes(1))).isTrue();
    passTime(ttl.plusMillis(1));

    assertThat(store.tryLease(key("active", "app"), Duration.ofMinutes(1))).isEmpty();
  }

  @Test
  void releasingAnExpiredLeaseTakenByAnotherLeavesTheNewHolder() throws Exception {
    Lease old = store.tryLease(key("active", "app"), shortTtl()).orElseThrow();
    passTime(shortTtl().plusMillis(1));
    await().atMost(shortTtl().multipliedBy(10).plusSeconds(2)).pollInterval(Duration.ofMillis(50))
        .until(() -> store.tryLease(key("active", "app"), Duration.ofMinutes(1)).isPresent());

    store.release(old);

    assertThat(store.tryLease(key("active", "app"), Duration.ofMinutes(1))).isEmpty();
  }
}
