package se.kth.aspen.runner.page;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.runner.loop.PassObserver;

/** The last {@link #KEPT} passes of this runner, oldest first, for the page's timeline. */
public final class PassHistory implements PassObserver {

  /** Enough to see a pattern (one slow pass in twenty) and small enough to draw in a line. */
  public static final int KEPT = 30;

  private final Clock clock;
  private final Deque<PassSummary> passes = new ArrayDeque<>();

  public PassHistory(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void passDone(PassReport report) {
    add(PassSummary.of(report));
  }

  @Override
  public void passCrashed(Throwable failure) {
    add(PassSummary.crashedAt(clock.instant()));
  }

  private synchronized void add(PassSummary summary) {
    passes.addLast(summary);
    while (passes.size() > KEPT) {
      passes.removeFirst();
    }
  }

  public synchronized List<PassSummary> passes() {
    return List.copyOf(passes);
  }
}
