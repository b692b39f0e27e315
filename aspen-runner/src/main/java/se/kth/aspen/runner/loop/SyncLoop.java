package se.kth.aspen.runner.loop;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Runs the passes: while the loop is on, a pass over every application (a <em>whole</em> pass)
 * every {@code delay} after the previous one ended; at once when triggered, on or off; and a pass
 * over some applications only (a <em>focused</em> pass: a pushed image concerns them) at once,
 * beside a pass already running. Each pass runs on a thread of its own; whatever it throws is
 * reported to the observers and the loop goes on.
 *
 * <p>The rules, and why:
 *
 * <ul>
 *   <li>At most one whole pass, and at most {@link #MAX_FOCUSED} focused passes, at a time. A
 *       whole pass covers every application, so a second one would only repeat it; focused passes
 *       are small (the apps of one push), and a few of them let pushes that come one after the other
 *       each start while the earlier ones wait for their services to converge. The bound keeps
 *       what the engine and the state store see to a few passes' {@code PARALLELISM} at once.
 *       Pushes that come while {@link #MAX_FOCUSED} focused passes run gather into one, which
 *       starts as soon as one of them ends.
 *   <li>A whole pass starts only when no pass runs: it syncs the registry, which must not move
 *       the files under another pass; a pass started beside it works on its snapshot. Focused
 *       passes go first, except that a whole pass kept waiting by them for longer than the delay
 *       goes before any new one, so that a stream of pushes never holds back the registry's commits
 *       for long. Pushes pending when a whole pass starts are left to it (it resolves their tags
 *       after their lists were refreshed).
 *   <li>Two passes never run one target at once and neither leaves it out: a pass that comes to a
 *       target another is running waits for that run to end, then runs it itself (aspen-core's
 *       {@code Pass}).
 *   <li>{@link #lastReport()}: a whole pass's report replaces the last one, a focused pass's results
 *       replace those apps', and in both each target shows the result that was given last for it,
 *       whichever pass gave it, so that a pass ending later cannot put back an older result.
 * </ul>
 */
public final class SyncLoop {

  /** How many focused passes may run at once, beside a whole pass. */
  public static final int MAX_FOCUSED = 3;

  private static final Logger log = LoggerFactory.getLogger(SyncLoop.class);

  private final PassExecution passes;
  private final Duration delay;
  private final List<PassObserver> observers;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Thread scheduler;

  // guarded by lock
  private boolean enabled;
  private boolean everStarted;
  private boolean triggered;
  private final Set<String> focus = new TreeSet<>();
  private final Map<Thread, RunningPass> running = new LinkedHashMap<>();
  private boolean closing;
  private long nextPassAt;
  private long wholeDueSince;
  private boolean wholeWaiting;
  private PassReport lastReport;
  /** Each target's result given last, by stack path: what {@link #lastReport} shows of it. */
  private final Map<String, AppResult> newest = new HashMap<>();
  private int passNumber;

  public SyncLoop(PassExecution passes, Duration delay, List<PassObserver> observers) {
    this.passes = Objects.requireNonNull(passes, "passes");
    this.delay = Objects.requireNonNull(delay, "delay");
    this.observers = List.copyOf(observers);
    this.scheduler = Thread.ofPlatform().name("aspen-sync").daemon(true).unstarted(this::schedule);
  }

  /** A pass under way, as {@code /healthz} and {@code /api/v1/state} show it. */
  public record RunningPass(Kind kind, Set<String> applications, Instant startedAt) {
    public RunningPass {
      Objects.requireNonNull(kind, "kind");
      applications = Set.copyOf(applications);
      Objects.requireNonNull(startedAt, "startedAt");
    }
  }

  /** A pass over every application, or over some only. */
  public enum Kind {
    WHOLE,
    FOCUSED
  }

  /** Starts the loop's thread; with {@code syncOnStart} the loop is on and a pass begins at once. */
  public void begin(boolean syncOnStart) {
    if (syncOnStart) {
      startSync();
    }
    scheduler.start();
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
   * Turns the loop off; running passes finish.
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
   * Asks for a whole pass now, whether the loop is on or off. A request while a pass runs starts
   * one more once no pass runs.
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
   * Asks for a pass over the named applications now, whether the loop is on or off: it starts at
   * once, beside a running pass (see the class's rules); requests made while it cannot start join
   * it.
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
      dispatch();
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  public LoopState state() {
    lock.lock();
    try {
      return !running.isEmpty() ? LoopState.RUNNING : enabled ? LoopState.WAITING : LoopState.STOPPED;
    } finally {
      lock.unlock();
    }
  }

  /** The passes under way, oldest first. */
  public List<RunningPass> running() {
    lock.lock();
    try {
      return List.copyOf(running.values());
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

  /** Every app's latest result, once a pass has ended. */
  public Optional<PassReport> lastReport() {
    lock.lock();
    try {
      return Optional.ofNullable(lastReport);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the loop: no new pass starts; the running passes get {@code grace} to finish, then are
   * interrupted and abandoned.
   *
   * @return true when no pass was left unfinished
   */
  public boolean shutdown(Duration grace) throws InterruptedException {
    List<Thread> threads;
    lock.lock();
    try {
      closing = true;
      threads = List.copyOf(running.keySet());
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (scheduler.isAlive()) {
      scheduler.join(Duration.ofSeconds(5));
    }
    if (!threads.isEmpty()) {
      log.info("shutting down: waiting up to {}s for {} to finish", grace.toSeconds(),
          threads.size() == 1 ? "the running pass" : threads.size() + " running passes");
    }
    long end = System.nanoTime() + grace.toNanos();
    List<Thread> left = new ArrayList<>();
    for (Thread thread : threads) {
      if (!thread.join(Duration.ofNanos(Math.max(0, end - System.nanoTime())))) {
        left.add(thread);
      }
    }
    if (left.isEmpty()) {
      return true;
    }
    // One pass keeps the old wording (operators' log searches); several are counted.
    log.warn("shutting down: {} did not finish within {}s; abandoning {}",
        left.size() == 1 ? "the running pass" : left.size() + " passes", grace.toSeconds(), left.size() == 1 ? "it" : "them");
    left.forEach(Thread::interrupt);
    for (Thread thread : left) {
      thread.join(Duration.ofSeconds(5));
    }
    return false;
  }

  /** The loop's own thread: starts whole passes when they fall due. */
  private void schedule() {
    lock.lock();
    try {
      while (!closing) {
        dispatch();
        boolean wholeRunning = running.values().stream().anyMatch(p -> p.kind() == Kind.WHOLE);
        long wait = nextPassAt - System.nanoTime();
        if (enabled && !wholeRunning && !wholeWaiting && wait > 0) {
          changed.awaitNanos(wait);
        } else {
          // A pass that ends, a trigger, a start or a stop signals.
          changed.await();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** Starts what is due and may start now. Holding the lock. */
  private void dispatch() {
    if (closing) {
      return;
    }
    long now = System.nanoTime();
    boolean wholeDue = triggered || (enabled && nextPassAt - now <= 0);
    boolean wholeRunning = running.values().stream().anyMatch(p -> p.kind() == Kind.WHOLE);
    if (wholeDue && !wholeRunning) {
      if (running.isEmpty()) {
        triggered = false;
        wholeWaiting = false;
        focus.clear();
        start(Kind.WHOLE, Set.of());
      } else if (!wholeWaiting) {
        wholeWaiting = true;
        wholeDueSince = now;
      }
    } else if (!wholeDue) {
      wholeWaiting = false;
    }
    boolean wholeGoesFirst = wholeWaiting && now - wholeDueSince >= delay.toNanos();
    long focusedRunning = running.values().stream().filter(p -> p.kind() == Kind.FOCUSED).count();
    if (!focus.isEmpty() && focusedRunning < MAX_FOCUSED && !wholeGoesFirst) {
      Set<String> applications = Set.copyOf(focus);
      focus.clear();
      start(Kind.FOCUSED, applications);
    }
  }

  /** Holding the lock. */
  private void start(Kind kind, Set<String> applications) {
    Optional<Set<String>> only = kind == Kind.WHOLE ? Optional.empty() : Optional.of(applications);
    Thread thread = Thread.ofPlatform().name("aspen-pass-" + (++passNumber)).daemon(true).unstarted(() -> {
      try {
        runOnePass(only);
      } finally {
        ended(kind);
      }
    });
    running.put(thread, new RunningPass(kind, applications, Instant.now()));
    thread.start();
  }

  private void ended(Kind kind) {
    lock.lock();
    try {
      running.remove(Thread.currentThread());
      if (kind == Kind.WHOLE) {
        nextPassAt = System.nanoTime() + delay.toNanos();
      }
      dispatch();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void runOnePass(Optional<Set<String>> only) {
    try {
      PassReport report = only.isPresent() ? passes.runFor(only.get(), this::appDone) : passes.run(this::appDone);
      lock.lock();
      try {
        // Set before the observers hear of the pass, so that they can read the whole picture.
        PassReport latest = newestOf(report);
        if (only.isEmpty()) {
          Set<String> present = new HashSet<>();
          report.results().forEach(r -> present.add(r.target().stackPath()));
          newest.keySet().retainAll(present);
        }
        lastReport = only.isPresent() && lastReport != null ? lastReport.updatedBy(latest) : latest;
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

  /** The report with each target's result given last, by whichever pass. Holding the lock. */
  private PassReport newestOf(PassReport report) {
    List<AppResult> results = new ArrayList<>(report.results().size());
    boolean replaced = false;
    for (AppResult result : report.results()) {
      AppResult last = newest.get(result.target().stackPath());
      replaced |= last != null && last != result;
      results.add(last != null ? last : result);
    }
    return replaced ? new PassReport(report.revision(), report.startedAt(), report.duration(), results, report.problems(),
        report.policies(), report.orphans()) : report;
  }

  private void appDone(AppResult result) {
    lock.lock();
    try {
      newest.put(result.target().stackPath(), result);
    } finally {
      lock.unlock();
    }
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
