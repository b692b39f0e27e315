package se.kth.aspen.runner.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.Lease;
import se.kth.aspen.core.port.LeaseHolder;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

/**
 * A state store that remembers whether its last write failed, for {@code /healthz}: from a
 * failed write (a full or read-only disk, Redis gone) until the next one that succeeds, the
 * runner is degraded, since what it deploys is not remembered. Reads and leases pass through
 * unwatched: a failed read fails its target and is reported there.
 */
public final class WriteWatchingStateStore implements StateStore {

  private static final Logger log = LoggerFactory.getLogger(WriteWatchingStateStore.class);

  /** The first write that failed since the last one that succeeded. */
  public record WriteProblem(Instant since, String message) {
    public WriteProblem {
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(message, "message");
    }
  }

  private final StateStore store;
  private final Clock clock;
  private final AtomicReference<WriteProblem> problem = new AtomicReference<>();

  public WriteWatchingStateStore(StateStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Present while the store cannot be written. */
  public Optional<WriteProblem> writeProblem() {
    return Optional.ofNullable(problem.get());
  }

  @FunctionalInterface
  private interface Write<T> {
    T run() throws PortException;
  }

  private <T> T watched(Write<T> write) throws PortException {
    try {
      T result = write.run();
      if (problem.getAndSet(null) != null) {
        log.info("the state store can be written again");
      }
      return result;
    } catch (PortException e) {
      if (problem.compareAndSet(null, new WriteProblem(clock.instant(), e.getMessage()))) {
        log.warn("the state store cannot be written ({}): deploys are not recorded and are done again until it can",
            e.getMessage());
      }
      throw e;
    }
  }

  @Override
  public String describe() {
    return store.describe();
  }

  @Override
  public TargetState read(TargetKey target) throws PortException {
    return store.read(target);
  }

  @Override
  public Map<TargetKey, TargetState> readAll(Collection<TargetKey> targets) throws PortException {
    return store.readAll(targets);
  }

  @Override
  public void recordSuccess(TargetKey target, DeployRecord record) throws PortException {
    watched(() -> {
      store.recordSuccess(target, record);
      return null;
    });
  }

  @Override
  public void recordFailure(TargetKey target, FailureRecord record) throws PortException {
    watched(() -> {
      store.recordFailure(target, record);
      return null;
    });
  }

  @Override
  public boolean forget(TargetKey target) throws PortException {
    return watched(() -> store.forget(target));
  }

  @Override
  public int forgetCluster(String group, String cluster) throws PortException {
    return watched(() -> store.forgetCluster(group, cluster));
  }

  @Override
  public long count(String group) throws PortException {
    return store.count(group);
  }

  @Override
  public Set<String> recordedStackPaths(String group, String cluster) throws PortException {
    return store.recordedStackPaths(group, cluster);
  }

  @Override
  public Optional<Instant> errorReported(ErrorMark mark) throws PortException {
    return store.errorReported(mark);
  }

  @Override
  public void markErrorReported(ErrorMark mark, Instant at, Duration ttl) throws PortException {
    watched(() -> {
      store.markErrorReported(mark, at, ttl);
      return null;
    });
  }

  @Override
  public void clearErrorMarks(TargetKey target) throws PortException {
    watched(() -> {
      store.clearErrorMarks(target);
      return null;
    });
  }

  @Override
  public Optional<Lease> tryLease(TargetKey target, Duration ttl) throws PortException {
    return store.tryLease(target, ttl);
  }

  @Override
  public Optional<LeaseHolder> leaseHolder(TargetKey target) throws PortException {
    return store.leaseHolder(target);
  }

  @Override
  public boolean renew(Lease lease, Duration ttl) throws PortException {
    return store.renew(lease, ttl);
  }

  @Override
  public void release(Lease lease) throws PortException {
    store.release(lease);
  }
}
