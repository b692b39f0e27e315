package se.kth.aspen.core.state;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.Lease;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

/**
 * A state store in memory, for tests and for {@code plan} runs that must not touch real state.
 * Expiry (error marks, leases) is measured on the given clock from the time of the call, as
 * Redis measures a key's TTL. Thread-safe: every method holds the store's lock, which is cheap
 * next to the port calls around it.
 */
public final class InMemoryStateStore implements StateStore {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final Map<TargetKey, TargetState> targets = new HashMap<>();
  private final Map<ErrorMark, StoredMark> marks = new HashMap<>();
  private final Map<TargetKey, HeldLease> leases = new HashMap<>();

  public InMemoryStateStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** An error mark: when the error was reported, and when the mark lapses. */
  record StoredMark(Instant at, Instant expires) {}

  private record HeldLease(String token, Instant expires) {}

  @Override
  public synchronized TargetState read(TargetKey target) {
    return targets.getOrDefault(target, TargetState.NONE);
  }

  @Override
  public synchronized void recordSuccess(TargetKey target, DeployRecord record) {
    Objects.requireNonNull(record, "record");
    targets.put(target, new TargetState(Optional.of(record), Optional.empty()));
  }

  @Override
  public synchronized void recordFailure(TargetKey target, FailureRecord record) {
    Objects.requireNonNull(record, "record");
    targets.put(target, new TargetState(read(target).lastGood(), Optional.of(record)));
  }

  @Override
  public synchronized boolean forget(TargetKey target) {
    return targets.remove(target) != null;
  }

  @Override
  public synchronized int forgetCluster(String group, String cluster) {
    int before = targets.size();
    targets.keySet().removeIf(k -> k.group().equals(group) && k.cluster().equals(cluster));
    return before - targets.size();
  }

  @Override
  public synchronized long count(String group) {
    return targets.keySet().stream().filter(k -> k.group().equals(group)).count();
  }

  @Override
  public synchronized Set<String> recordedStackPaths(String group, String cluster) {
    return targets.keySet().stream().filter(k -> k.group().equals(group) && k.cluster().equals(cluster))
        .map(TargetKey::stackPath).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public synchronized Optional<Instant> errorReported(ErrorMark mark) {
    StoredMark stored = marks.get(mark);
    if (stored == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(stored.expires())) {
      marks.remove(mark);
      return Optional.empty();
    }
    return Optional.of(stored.at());
  }

  @Override
  public synchronized void markErrorReported(ErrorMark mark, Instant at, Duration ttl) {
    marks.put(mark, new StoredMark(at, clock.instant().plus(ttl)));
  }

  @Override
  public synchronized void clearErrorMarks(TargetKey target) {
    marks.keySet().removeIf(m -> m.target().equals(target));
  }

  @Override
  public synchronized Optional<Lease> tryLease(TargetKey target, Duration ttl) {
    Instant now = clock.instant();
    HeldLease held = leases.get(target);
    if (held != null && now.isBefore(held.expires())) {
      return Optional.empty();
    }
    byte[] token = new byte[16];
    RANDOM.nextBytes(token);
    String text = HexFormat.of().formatHex(token);
    leases.put(target, new HeldLease(text, now.plus(ttl)));
    return Optional.of(new Lease(target, text));
  }

  @Override
  public synchronized boolean renew(Lease lease, Duration ttl) {
    Instant now = clock.instant();
    HeldLease held = leases.get(lease.target());
    if (held == null || !held.token().equals(lease.token()) || !now.isBefore(held.expires())) {
      return false;
    }
    leases.put(lease.target(), new HeldLease(held.token(), now.plus(ttl)));
    return true;
  }

  @Override
  public synchronized void release(Lease lease) {
    HeldLease held = leases.get(lease.target());
    if (held != null && held.token().equals(lease.token())) {
      leases.remove(lease.target());
    }
  }

  /** A copy of the durable part (targets and marks), for the file store. */
  synchronized Durable durable() {
    return new Durable(Map.copyOf(targets), Map.copyOf(marks));
  }

  /** Replaces the durable part, for the file store when it loads. */
  synchronized void restore(Durable durable) {
    targets.clear();
    targets.putAll(durable.targets());
    marks.clear();
    marks.putAll(durable.marks());
  }

  /** What survives a restart: leases do not, they belong to the process that took them. */
  record Durable(Map<TargetKey, TargetState> targets, Map<ErrorMark, StoredMark> marks) {}
}
