package se.kth.aspen.core.pass;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import se.kth.aspen.core.port.Lease;
import se.kth.aspen.core.port.LeaseHolder;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;

/**
 * Lease: the right to change one target, kept only while the target works.
 *
 * <p>The lease is taken for a short TTL and renewed every third of it on a virtual thread of its
 * own, so a runner that dies stops renewing and its lease lapses within one TTL, whatever the
 * target's timeout. A renewal that does not succeed, whether the store says the lease is gone
 * or the store cannot be reached, counts as lost: the holder can no longer prove it owns the
 * target, and another runner may be deploying it. What a lost lease means for the target is
 * {@link TargetRun}'s call: the cluster call under way finishes, nothing more is changed and
 * nothing is recorded.
 *
 * <p>Renewal stops when the hold is closed (every way out of the target, exceptions included)
 * or when the pass abandons the target past its deadline; it never outlives the target.
 */
final class Leasing {


  private final StateStore store;
  private final Duration ttl;

  Leasing(StateStore store, Duration ttl) {
    this.store = store;
    this.ttl = ttl;
  }

  /**
   * Takes the target's lease and starts renewing it.
   *
   * @param warnings told when the lease could not be given back
   * @throws HeldByPeer when another runner holds it
   * @throws StepFailure COULD_NOT_TRY when the store cannot be reached
   */
  Held take(TargetKey key, AppTarget target, Consumer<String> warnings) throws StepFailure, HeldByPeer {
    Optional<Lease> lease;
    try {
      lease = store.tryLease(key, ttl);
    } catch (PortException e) {
      throw StepFailure.storeUnreachable(Step.LEASE, "taking the lease of " + target + ": " + e.getMessage(), e);
    }
    if (lease.isEmpty()) {
      throw new HeldByPeer(holder(key));
    }
    return new Held(lease.get(), target, warnings);
  }

  /**
   * Who holds the lease, for the report. The holder may have let go since the lease was refused;
   * the target is still left to the next pass, and the holder is then unknown.
   */
  private LeaseHolder holder(TargetKey key) {
    try {
      return store.leaseHolder(key).orElse(LeaseHolder.unknown());
    } catch (PortException | RuntimeException e) {
      return LeaseHolder.unknown();
    }
  }

  /** Another runner holds the target's lease: it is doing the work. Not a failure. */
  static final class HeldByPeer extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient LeaseHolder holder;

    HeldByPeer(LeaseHolder holder) {
      super("held by " + holder.describe(), null, false, false);
      this.holder = holder;
    }

    LeaseHolder holder() {
      return holder;
    }
  }

  /** A lease being kept. Closing it stops the renewals and gives the lease back. */
  final class Held implements AutoCloseable {

    private final Lease lease;
    private final AppTarget target;
    private final Consumer<String> warnings;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicReference<String> lost = new AtomicReference<>();
    private final Thread renewer;

    private Held(Lease lease, AppTarget target, Consumer<String> warnings) {
      this.lease = lease;
      this.target = target;
      this.warnings = warnings;
      this.renewer = Thread.ofVirtual().name("aspen-lease-" + target).start(this::renewUntilStopped);
    }

    private void renewUntilStopped() {
      long period = Math.max(1, ttl.toNanos() / 3);
      try {
        while (!stop.await(period, TimeUnit.NANOSECONDS)) {
          if (!renew()) {
            return;
          }
        }
      } catch (InterruptedException e) {
        lose("its renewal was interrupted");
      }
    }

    private boolean renew() {
      if (lost.get() != null) {
        return false;
      }
      try {
        if (store.renew(lease, ttl)) {
          return true;
        }
        lose("it expired or another runner took it");
      } catch (PortException | RuntimeException e) {
        lose("renewing it failed: " + e.getMessage());
      }
      return false;
    }

    private void lose(String why) {
      lost.compareAndSet(null, why);
      stop.countDown();
    }

    /** Why the lease is no longer this target's, said for a report, if it is not. */
    Optional<String> loss() {
      return Optional.ofNullable(lost.get())
          .map(why -> "lost the lease of " + target + " (" + why + "), so another runner may be deploying it");
    }

    /**
     * Renews now and says why the lease is lost, if it is: done just before a write that only the
     * owner may make, so that write lands within a fresh TTL.
     */
    Optional<String> confirm() {
      renew();
      return loss();
    }

    /** The pass gave up on the target: stop renewing; whatever the target does next is not recorded. */
    void abandon() {
      lose("the pass gave up on the target, past its deadline or stopping");
    }

    @Override
    public void close() {
      stop.countDown();
      try {
        // A renewal under way is bounded by the store's request timeout; past the TTL it is moot.
        renewer.join(ttl);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        store.release(lease);
      } catch (PortException | RuntimeException e) {
        warnings.accept("the lease was not released (it expires on its own within " + ttl + "): " + e.getMessage());
      }
    }
  }
}
