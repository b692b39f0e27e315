package se.kth.aspen.core.pass;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import se.kth.aspen.core.fingerprint.Fingerprint;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.TargetState;

/**
 * Decide: compare the desired state's fingerprint with what the target's state remembers
 * (aspen-core/README.md, "When a target is deployed").
 *
 * <ul>
 *   <li>The last deploy of exactly this fingerprint failed: BLOCKED, until the fingerprint
 *       changes, a retry forgets the failure, or the optional backoff has run out.
 *   <li>The last good deploy has this fingerprint and nothing failed since: UNCHANGED.
 *   <li>Otherwise: CHANGED. That includes going back to the last good state after another state
 *       failed: the failed one may still run on the cluster.
 * </ul>
 *
 * <p>The backoff is anchored on when the state first failed: attempt {@code n} (1-based) is
 * allowed {@code backoff * (1 + 2 + ... + 2^(n-1))} after it, each step capped, so the schedule
 * needs nothing but the failure record.
 */
final class Decision {

  enum Verdict { UNCHANGED, CHANGED, BLOCKED, RETRY }

  record Input(Fingerprint fingerprint, TargetState state, Instant now, Optional<Duration> backoff, Duration cap) {}

  /** @param failure the failure this verdict concerns (BLOCKED, RETRY); @param nextTry when a blocked state may be tried again, if ever */
  record Output(Verdict verdict, Optional<FailureRecord> failure, Optional<Instant> nextTry) {}

  Output decide(Input in) {
    String fp = in.fingerprint().hex();
    Optional<FailureRecord> failed = in.state().lastFailed();
    if (failed.isPresent() && failed.get().fingerprint().equals(fp)) {
      Optional<Instant> next = in.backoff().map(b -> nextTry(failed.get(), b, in.cap()));
      if (next.isPresent() && !in.now().isBefore(next.get())) {
        return new Output(Verdict.RETRY, failed, next);
      }
      return new Output(Verdict.BLOCKED, failed, next);
    }
    if (failed.isEmpty() && in.state().lastGood().filter(g -> g.fingerprint().equals(fp)).isPresent()) {
      return new Output(Verdict.UNCHANGED, Optional.empty(), Optional.empty());
    }
    return new Output(Verdict.CHANGED, failed, Optional.empty());
  }

  static Instant nextTry(FailureRecord failure, Duration backoff, Duration cap) {
    Duration wait = Duration.ZERO;
    Duration step = backoff;
    for (int i = 0; i < Math.max(1, failure.attempts()); i++) {
      wait = wait.plus(step.compareTo(cap) > 0 ? cap : step);
      step = step.compareTo(cap) >= 0 ? cap : step.multipliedBy(2);
    }
    return failure.since().plus(wait);
  }
}
