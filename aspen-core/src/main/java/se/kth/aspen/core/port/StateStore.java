package se.kth.aspen.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Aspen remembers between passes: per target, the last good and the last failed deploy;
 * which errors were reported when (for de-duplication); and leases, so that runners sharing
 * one store never deploy the same target at once.
 *
 * <p>Every call may fail with {@link UnreachableException} when the store is down; the pass then
 * fails the affected targets for this pass, it never assumes "nothing recorded".
 */
public interface StateStore {

  /** What the store is, for messages to users: {@code Redis}, {@code the embedded state store}. */
  default String describe() {
    return "the state store";
  }

  /** The target's remembered state; {@link TargetState#NONE} when nothing is recorded. */
  TargetState read(TargetKey target) throws PortException;

  /**
   * The states of many targets at once, for a pass to read its whole group in one round trip
   * instead of one per target. A target missing from the answer (a record that cannot be read)
   * is to be read on its own with {@link #read}, which says what is wrong with it. The default
   * reads them one by one.
   */
  default Map<TargetKey, TargetState> readAll(Collection<TargetKey> targets) throws PortException {
    Map<TargetKey, TargetState> states = new HashMap<>();
    for (TargetKey target : targets) {
      states.put(target, read(target));
    }
    return states;
  }

  /** Records a verified deploy: sets the last good record and clears the last failed one. */
  void recordSuccess(TargetKey target, DeployRecord record) throws PortException;

  /** Records a deploy that was tried and failed; the last good record stays. */
  void recordFailure(TargetKey target, FailureRecord record) throws PortException;

  /** Forgets one target: it deploys again on the next pass. @return whether anything was forgotten */
  boolean forget(TargetKey target) throws PortException;

  /** Forgets every target of a cluster in a group. @return how many */
  int forgetCluster(String group, String cluster) throws PortException;

  /** How many targets the group has records for. */
  long count(String group) throws PortException;

  /**
   * The stack paths of every target of the group on the cluster that has a record (deployed,
   * adopted or failed), for recognising the stacks Aspen deployed or adopted before it labelled
   * them as its own. The default, for a store that cannot list its targets, names none: then only
   * labelled stacks are recognised.
   */
  default Set<String> recordedStackPaths(String group, String cluster) throws PortException {
    return Set.of();
  }

  /** When the error was last reported, if it was and the mark has not expired. */
  Optional<Instant> errorReported(ErrorMark mark) throws PortException;

  /** Remembers that the error was reported at {@code at}; the mark expires after {@code ttl}. */
  void markErrorReported(ErrorMark mark, Instant at, Duration ttl) throws PortException;

  /** Forgets every error mark of the target (a successful deploy clears them). */
  void clearErrorMarks(TargetKey target) throws PortException;

  /**
   * Takes the target's lease for {@code ttl}, unless another holder has it.
   *
   * @return the lease, or empty when it is held by someone else
   */
  Optional<Lease> tryLease(TargetKey target, Duration ttl) throws PortException;

  /**
   * Who holds the target's lease now, for telling a user why a target was left to another
   * runner. Empty when nobody holds it; {@link LeaseHolder#unknown()} when the store cannot say
   * (the default).
   */
  default Optional<LeaseHolder> leaseHolder(TargetKey target) throws PortException {
    return Optional.of(LeaseHolder.unknown());
  }

  /** Extends a lease this holder owns. @return false when it had expired or is held by another */
  boolean renew(Lease lease, Duration ttl) throws PortException;

  /** Gives a lease back, only if this holder still owns it. */
  void release(Lease lease) throws PortException;
}
