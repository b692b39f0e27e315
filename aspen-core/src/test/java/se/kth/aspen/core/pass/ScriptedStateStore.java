package se.kth.aspen.core.pass;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * A real store with the lease calls watched and scripted: renewals counted, made to fail on
 * demand, and something done by "another runner" just before the next lease is taken.
 */
final class ScriptedStateStore implements StateStore {

  private final StateStore real;
  private final AtomicInteger renewals = new AtomicInteger();
  private final AtomicInteger releases = new AtomicInteger();
  private final AtomicReference<PortException> renewalFailure = new AtomicReference<>();
  private final AtomicReference<PortException> listingFailure = new AtomicReference<>();
  private volatile int renewalsAllowed = Integer.MAX_VALUE;
  private final AtomicReference<ThrowingAction> beforeLease = new AtomicReference<>();
  private volatile Optional<LeaseHolder> holder = Optional.of(LeaseHolder.unknown());

  interface ThrowingAction {
    void run() throws PortException;
  }

  ScriptedStateStore(StateStore real) {
    this.real = real;
  }

  /** Renewals, answered or not, so far. */
  int renewals() {
    return renewals.get();
  }

  int releases() {
    return releases.get();
  }

  /** From now on a renewal throws this, as an unreachable store does. */
  void failRenewals(PortException failure) {
    renewalFailure.set(failure);
  }

  /** From now on a renewal answers that the lease is not this holder's. */
  void refuseRenewals() {
    refuseRenewalsAfter(0);
  }

  /** The next {@code allowed} renewals go through, later ones answer the lease is not this holder's. */
  void refuseRenewalsAfter(int allowed) {
    renewalsAllowed = renewals.get() + allowed;
  }

  /** Who the store says holds any lease it is asked about, as Redis says from the lease's value. */
  void holderOfEveryLease(LeaseHolder named) {
    holder = Optional.of(named);
  }

  @Override
  public Optional<LeaseHolder> leaseHolder(TargetKey target) {
    return holder;
  }

  /** Runs {@code action} once, just before the next lease is taken. */
  void beforeNextLease(ThrowingAction action) {
    beforeLease.set(action);
  }

  @Override
  public Optional<Lease> tryLease(TargetKey target, Duration ttl) throws PortException {
    ThrowingAction action = beforeLease.getAndSet(null);
    if (action != null) {
      action.run();
    }
    return real.tryLease(target, ttl);
  }

  @Override
  public boolean renew(Lease lease, Duration ttl) throws PortException {
    try {
      PortException failure = renewalFailure.get();
      if (failure != null) {
        throw failure;
      }
      return renewals.get() < renewalsAllowed && real.renew(lease, ttl);
    } finally {
      renewals.incrementAndGet();
    }
  }

  @Override
  public void release(Lease lease) throws PortException {
    real.release(lease);
    releases.incrementAndGet();
  }

  @Override
  public TargetState read(TargetKey target) throws PortException {
    return real.read(target);
  }

  @Override
  public void recordSuccess(TargetKey target, DeployRecord record) throws PortException {
    real.recordSuccess(target, record);
  }

  @Override
  public void recordFailure(TargetKey target, FailureRecord record) throws PortException {
    real.recordFailure(target, record);
  }

  @Override
  public boolean forget(TargetKey target) throws PortException {
    return real.forget(target);
  }

  @Override
  public int forgetCluster(String group, String cluster) throws PortException {
    return real.forgetCluster(group, cluster);
  }

  @Override
  public long count(String group) throws PortException {
    return real.count(group);
  }

  @Override
  public Set<String> recordedStackPaths(String group, String cluster) throws PortException {
    PortException failure = listingFailure.get();
    if (failure != null) {
      throw failure;
    }
    return real.recordedStackPaths(group, cluster);
  }

  /** From now on listing a cluster's records throws this, as an unreachable store does. */
  void failListings(PortException failure) {
    listingFailure.set(failure);
  }

  @Override
  public Optional<Instant> errorReported(ErrorMark mark) throws PortException {
    return real.errorReported(mark);
  }

  @Override
  public void markErrorReported(ErrorMark mark, Instant at, Duration ttl) throws PortException {
    real.markErrorReported(mark, at, ttl);
  }

  @Override
  public void clearErrorMarks(TargetKey target) throws PortException {
    real.clearErrorMarks(target);
  }
}
