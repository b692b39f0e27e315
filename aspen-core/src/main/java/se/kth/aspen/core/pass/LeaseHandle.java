package se.kth.aspen.core.pass;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The one thing about a target's run that another thread touches: the pass abandons a target
 * past its deadline (its own thread), while the target's thread may be taking, holding or giving
 * back its lease. Whichever comes first, a lease held after the abandon stops renewing at once.
 * Everything else of the run is immutable and stays on the target's thread.
 */
final class LeaseHandle {

  private final AtomicReference<Leasing.Held> held = new AtomicReference<>();
  private volatile boolean abandoned;

  /** The lease just taken: abandoned at once if the pass already gave up on the target. */
  void hold(Leasing.Held lease) {
    held.set(lease);
    if (abandoned) {
      lease.abandon();
    }
  }

  void letGo() {
    held.set(null);
  }

  /** The pass gave up on the target: its lease is no longer renewed, and what it does next is not recorded. */
  void abandon() {
    abandoned = true;
    Leasing.Held lease = held.get();
    if (lease != null) {
      lease.abandon();
    }
  }
}
