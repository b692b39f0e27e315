package se.kth.aspen.core.pass;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import se.kth.aspen.core.port.Deadline;

/**
 * One run of a target at a time among the passes of one {@link Pass}: a pass that comes to a
 * target another pass of this process is running waits for that run to end, then runs the target
 * itself from its first stage. A run that comes after another pass's run of the target that
 * ended since its own pass started (waited for, or already over) reads the tag lists and the
 * state as they are then, not as its pass first read them ({@link PassContext#afterAnotherRun}). So a target is never deployed by two
 * passes at once and never left out of a pass; the second run takes a tag pushed after the first
 * resolved, finds UNCHANGED what the first just deployed, and never puts back an older tag its
 * pass had listed before the first deployed a newer one.
 *
 * <p>Waiting holds no other turn, so no two runs can wait for each other: a run takes its turn
 * before its first stage and gives it back after its last, and the only wait inside a run (for
 * the apps it follows, in the same pass) goes down the acyclic order of {@code dependsOn}.
 * Within the process this comes on top of the store's lease (between runners); without it a
 * second pass of the same runner would find the lease held by its own runner and leave the
 * target out.
 */
final class TargetTurns {

  private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
  /** When each target's last run ended ({@link System#nanoTime}). */
  private final Map<String, Long> ended = new ConcurrentHashMap<>();

  /** Whether another run has the target's turn now: a hint, the turn is still taken by {@link #run}. */
  boolean taken(AppTarget target) {
    return running.containsKey(target.stackPath());
  }

  /**
   * Runs the target when its turn comes, at the latest by the deadline.
   *
   * @param passStarted when the run's pass started ({@link System#nanoTime})
   * @param run the run, told whether another run of the target ended since its pass started
   * @param waitedTooLong the result when another pass still runs it at the deadline
   */
  AppResult run(AppTarget target, long passStarted, Deadline deadline, Function<Boolean, AppResult> run,
      Supplier<AppResult> waitedTooLong) throws InterruptedException {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    while (true) {
      CompletableFuture<Void> other = running.putIfAbsent(target.stackPath(), mine);
      if (other == null) {
        break;
      }
      try {
        other.get(Math.max(0, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return waitedTooLong.get();
      } catch (ExecutionException e) {
        // Never completed exceptionally; the turn is free either way.
      }
    }
    Long last = ended.get(target.stackPath());
    try {
      return run.apply(last != null && last - passStarted > 0);
    } finally {
      ended.put(target.stackPath(), System.nanoTime());
      running.remove(target.stackPath(), mine);
      mine.complete(null);
    }
  }
}
