package se.kth.aspen.core.pass;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import se.kth.aspen.core.notice.ErrorReports;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.StateStore;

/**
 * The targets of one pass that could not be tried because the state store could not be reached.
 * They are not announced one by one: with the store down every target fails the same way, and
 * a thousand apps would send a thousand notices a pass. The pass sends one summary instead
 * (the store, the first reason, the targets), once per outage ({@link ErrorReports}).
 */
final class StoreOutage {

  private final StateStore state;
  private final List<String> targets = new ArrayList<>();
  private final AtomicBoolean answered = new AtomicBoolean();
  private String firstReason;

  /** @param state the store, which says what it is for the summary ({@code Redis}) */
  StoreOutage(StateStore state) {
    this.state = state;
  }

  /** A target could not be tried because the store did not answer. */
  synchronized void failed(AppTarget target, String reason) {
    targets.add(target.toString());
    if (firstReason == null) {
      firstReason = reason;
    }
  }

  /** The store answered a target this pass. */
  void answered() {
    answered.set(true);
  }

  /**
   * After the pass: the summary to send, when targets failed on the store and this outage was not
   * told yet; an outage ends with a pass in which the store answered and nothing failed on it.
   */
  synchronized Optional<ErrorNotice.StoreOutage> summary(ErrorReports reports) {
    if (targets.isEmpty()) {
      if (answered.get()) {
        reports.storeOutageOver();
      }
      return Optional.empty();
    }
    List<String> sorted = new ArrayList<>(targets);
    sorted.sort(null);
    return reports.admitStoreOutage(new ErrorNotice.StoreOutage(name(), firstReason, sorted));
  }

  private String name() {
    try {
      return state.describe();
    } catch (RuntimeException e) {
      return "the state store";
    }
  }
}
