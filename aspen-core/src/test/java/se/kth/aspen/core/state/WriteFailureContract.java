package se.kth.aspen.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;
import se.kth.aspen.core.port.UnreachableException;

/**
 * What every {@link StateStore} does when it cannot write (a full disk, a read-only file
 * system, Redis gone): the write fails with {@link UnreachableException}, and nothing of it is
 * answered afterwards, by this store or by a fresh one over the same data. A deploy is then
 * never taken for recorded when it is not. An adapter's test extends this class.
 */
public abstract class WriteFailureContract {

  protected StateStore store;
  protected String group;

  /** A store over fresh, writable persistence. */
  protected abstract StateStore newStore() throws Exception;

  /** A second store over the same persistence, as a restarted runner would open. */
  protected abstract StateStore reopen() throws Exception;

  /** From now on writes fail. */
  protected abstract void breakWrites() throws Exception;

  /** Writes work again. */
  protected abstract void repairWrites() throws Exception;

  /** Undoes whatever the test set up (unmounts, stops servers). */
  protected abstract void cleanUp() throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    group = "write-failure-" + UUID.randomUUID();
    store = newStore();
  }

  @AfterEach
  void tearDown() throws Exception {
    cleanUp();
  }

  private TargetKey key(String app) {
    return new TargetKey(group, "active", "team/" + app + "/active/docker-stack.yml");
  }

  private static DeployRecord good(String fingerprint) {
    return new DeployRecord(fingerprint, Instant.parse("2026-01-01T10:00:00Z"), Map.of("web", "127.0.0.1:5000/app:1.2.3_abc"),
        "rev-1");
  }

  @Test
  void aWriteThatFailsThrowsAndLeavesNothingOfItBehind() throws Exception {
    store.recordSuccess(key("a"), good("fp-1"));
    breakWrites();

    assertThatThrownBy(() -> store.recordSuccess(key("a"), good("fp-2"))).isInstanceOf(UnreachableException.class);
    assertThatThrownBy(() -> store.recordFailure(key("b"),
        new FailureRecord("fp-3", Instant.parse("2026-01-01T11:00:00Z"), "Verify", "web: rejected", 1)))
        .isInstanceOf(UnreachableException.class);
    assertThatThrownBy(() -> store.forget(key("a"))).isInstanceOf(UnreachableException.class);
    assertThatThrownBy(() -> store.markErrorReported(new ErrorMark(key("b"), "Verify"), Instant.parse("2026-01-01T11:00:00Z"),
        Duration.ofMinutes(10))).isInstanceOf(UnreachableException.class);

    repairWrites();
    for (StateStore answering : new StateStore[] {store, reopen()}) {
      assertThat(answering.read(key("a")).lastGood()).contains(good("fp-1"));
      assertThat(answering.read(key("a")).lastFailed()).isEmpty();
      assertThat(answering.read(key("b"))).isEqualTo(TargetState.NONE);
      assertThat(answering.errorReported(new ErrorMark(key("b"), "Verify"))).isEmpty();
    }
  }

  @Test
  void writesSucceedAgainOnceTheStoreCanBeWritten() throws Exception {
    breakWrites();
    assertThatThrownBy(() -> store.recordSuccess(key("a"), good("fp-1"))).isInstanceOf(UnreachableException.class);

    repairWrites();
    store.recordSuccess(key("a"), good("fp-2"));

    assertThat(store.read(key("a")).lastGood()).contains(good("fp-2"));
    assertThat(reopen().read(key("a")).lastGood()).contains(good("fp-2"));
  }
}
