package se.kth.aspen.runner.loop;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.PassReport;

/**
 * Runs passes on one thread of its own, so two never overlap: while the loop is on, one every
 * {@code delay} after the previous one ended; at once when triggered, on or off. A pass for some
 * applications only (a pushed image concerns them) runs at once too, unless a whole pass is due
 * anyway; its results replace those apps' in {@link #lastReport()}. Whatever a pass throws is
 * reported to the observers and the loop goes on.
 */
public final class SyncLoop {

  private static final Logger log = LoggerFactory.getLogger(SyncLoop.class);

  private final PassExecution passes;
  private final Duration delay;
  private final List<PassObserver> observers;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Thread worker;

  // guarded by lock
  private boolean enabled;
  private boolean everStarted;
  private boolean triggered;
  private final Set<String> focus = new TreeSet<>();
  private boolean passing;
  private boolean closing;
  private long nextPassAt;
  private PassReport lastReport;

  public SyncLoop(PassExecution passes, Duration delay, List<PassObserver> observers) {
    this.passes = Objects.requireNonNull(passes, "passes");
    this.delay = Objects.requireNonNull(delay, "delay");
    this.observers = List.copyOf(observers);
    this.worker = Thread.ofPlatform().name("aspen-sync").daemon(true).unstarted(this::work);
  }

  /** Starts the loop's thread; with {@code syncOnStart} the loop is on and a pass begins at once. */
  public void begin(boolean syncOnStart) {
    if (syncOnStart) {
      startSync();
    }
    worker.start();
  }

  /**
   * Turns the loop on; when it was off, the next pass begins at once.
   *
   * @return what changed: the loop's first start, a start after a stop, or nothing
   */
  public SyncStart startSync() {
    lock.lock();
    try {
      if (enabled) {
        return SyncStart.ALREADY_RUNNING;
      }
      enabled = true;
      nextPassAt = System.nanoTime();
      changed.signalAll();
      boolean first = !everStarted;
      everStarted = true;
      return first ? SyncStart.FIRST : SyncStart.RESTARTED;
    } finally {
      lock.unlock();
    }
  }

  /** What {@link #startSync} did. */
  public enum SyncStart {
    /** The loop ran for the first time since the process started. */
    FIRST,
    /** The loop had been stopped and runs again. */
    RESTARTED,
    /** The loop was running already; nothing changed. */
    ALREADY_RUNNING
  }

  /**
   * Turns the loop off; a running pass finishes.
   *
   * @return false when it was off already
   */
  public boolean stopSync() {
    lock.lock();
    try {
      boolean was = enabled;
      enabled = false;
      changed.signalAll();
      return was;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks for a pass now, whether the loop is on or off. A request while a pass runs starts one
   * more right after it.
   *
   * @return false when the loop is shutting down
   */
  public boolean trigger() {
    lock.lock();
    try {
      if (closing) {
        return false;
      }
      triggered = true;
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks for a pass over the named applications now (after a running pass), whether the loop is
   * on or off; requests made meanwhile join it.
   *
   * @return false when the loop is shutting down
   */
  public boolean trigger(Set<String> applications) {
    lock.lock();
    try {
      if (closing) {
        return false;
      }
      focus.addAll(applications);
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  public LoopState state() {
    lock.lock();
    try {
      return passing ? LoopState.RUNNING : enabled ? LoopState.WAITING : LoopState.STOPPED;
    } finally {
      lock.unlock();
    }
  }

  /** True while the loop is on (a pass follows another). */
  public boolean syncing() {
    lock.lock();
    try {
      return enabled;
    } finally {
      lock.unlock();
    }
  }

  /** The last pass's report, if a pass has ended. */
  public Optional<PassReport> lastReport() {
    lock.lock();
    try {
      return Optional.ofNullable(lastReport);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the loop: no new pass starts; a running pass gets {@code grace} to finish, then is
   * interrupted and abandoned.
   *
   * @return true when no pass was left unfinished
   */
  public boolean shutdown(Duration grace) throws InterruptedException {
    boolean wasPassing;
    lock.lock();
    try {
      closing = true;
      wasPassing = passing;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (!worker.isAlive()) {
      return true;
    }
    if (wasPassing) {
      log.info("shutting down: waiting up to {}s for the running pass to finish", grace.toSeconds());
    }
    worker.join(grace);
    if (worker.isAlive()) {
      log.warn("shutting down: the running pass did not finish within {}s; abandoning it", grace.toSeconds());
      worker.interrupt();
      worker.join(Duration.ofSeconds(5));
      return false;
    }
    return true;
  }

  private void work() {
    while (true) {
      Optional<Set<String>> only;
      lock.lock();
      try {
        if (!awaitNextPass()) {
          return;
        }
        boolean whole = triggered || (enabled && nextPassAt - System.nanoTime() <= 0) || focus.isEmpty();
        only = whole ? Optional.empty() : Optional.of(Set.copyOf(focus));
        triggered = false;
        focus.clear();
        passing = true;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      runOnePass(only);
      lock.lock();
      try {
        passing = false;
        if (only.isEmpty()) {
          nextPassAt = System.nanoTime() + delay.toNanos();
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  /** Waits, holding the lock, until a pass is due. @return false when the loop is closing */
  private boolean awaitNextPass() throws InterruptedException {
    while (!closing) {
      if (triggered || !focus.isEmpty()) {
        return true;
      }
      if (enabled) {
        long wait = nextPassAt - System.nanoTime();
        if (wait <= 0) {
          return true;
        }
        changed.awaitNanos(wait);
      } else {
        changed.await();
      }
    }
    return false;
  }

  private void runOnePass(Optional<Set<String>> only) {
    try {
      PassReport report = only.isPresent() ? passes.runFor(only.get(), this::appDone) : passes.run(this::appDone);
      lock.lock();
      try {
        // Set before the observers hear of the pass, so that they can read the whole picture.
        lastReport = only.isPresent() && lastReport != null ? lastReport.updatedBy(report) : report;
      } finally {
        lock.unlock();
      }
      for (PassObserver observer : observers) {
        tell(() -> observer.passDone(report));
      }
    } catch (Throwable failure) {
      if (failure instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.error("the pass failed as a whole; the next pass tries again: {}", failure.toString(), failure);
      for (PassObserver observer : observers) {
        tell(() -> observer.passCrashed(failure));
      }
    }
  }

  private void appDone(AppResult result) {
    for (PassObserver observer : observers) {
      tell(() -> observer.appDone(result));
    }
  }

  private static void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("a pass observer failed: {}", e.toString(), e);
    }
  }

}
