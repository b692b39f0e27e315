package se.kth.aspen.runner.loop;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import se.kth.aspen.core.pass.PassReport;

/**
 * Gives memory back between passes: when the old generation has grown well past what the last
 * full collection left in it, asks for a full collection once the pass has ended.
 *
 * <p>Why: a pass keeps some of its objects alive across young collections (the report, the
 * states read, the results) so they are promoted, and the serial collector (the launcher's
 * default) grows the old generation to hold them instead of collecting it, until the heap
 * limit. A runner that does little between passes would so creep up to its limit. One full
 * collection while idle lets the JVM shrink the heap (down to {@code -XX:MaxHeapFreeRatio}) and
 * keeps the resident memory near the live set. {@code -XX:+DisableExplicitGC} turns this off.
 *
 * <p>Only the old generation is watched: the young one is full of a pass's garbage most of the
 * time, which the next young collection frees for nothing. Counting it would ask for a full
 * collection (tens to hundreds of milliseconds of CPU at 1 000 apps) every few passes of a runner
 * whose old generation does not grow at all.
 */
public final class HeapRelease implements PassObserver {

  /** Growth under this many bytes is never worth a collection. */
  static final long MIN_GROWTH = 8L << 20;

  private final LongSupplier oldGenerationUsed;
  private final Runnable collect;
  private final BooleanSupplier othersRunning;
  private long baseline;

  /**
   * Watches this JVM's old generation (the heap as a whole under a collector without one) and
   * collects with {@link System#gc()}.
   *
   * @param othersRunning true while a pass other than the one ending runs: the collection waits
   *     for the last of them, as it would pause a pass under way
   */
  public static HeapRelease ofThisJvm(BooleanSupplier othersRunning) {
    List<MemoryPoolMXBean> old = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP && holdsOldObjects(pool.getName()))
        .toList();
    if (old.isEmpty()) {
      return new HeapRelease(() -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), System::gc,
          othersRunning);
    }
    return new HeapRelease(() -> old.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum(), System::gc, othersRunning);
  }

  /**
   * The JDK's names for the old generation: "Tenured Gen" (serial), "PS Old Gen" (parallel),
   * "G1 Old Gen", "ZGC Old Generation". There is no other way to tell the pools apart.
   */
  static boolean holdsOldObjects(String poolName) {
    return poolName.contains("Old") || poolName.contains("Tenured");
  }

  HeapRelease(LongSupplier oldGenerationUsed, Runnable collect) {
    this(oldGenerationUsed, collect, () -> false);
  }

  HeapRelease(LongSupplier oldGenerationUsed, Runnable collect, BooleanSupplier othersRunning) {
    this.oldGenerationUsed = Objects.requireNonNull(oldGenerationUsed, "oldGenerationUsed");
    this.collect = Objects.requireNonNull(collect, "collect");
    this.othersRunning = Objects.requireNonNull(othersRunning, "othersRunning");
    this.baseline = oldGenerationUsed.getAsLong();
  }

  @Override
  public void passDone(PassReport report) {
    afterPass();
  }

  @Override
  public void passCrashed(Throwable failure) {
    afterPass();
  }

  /**
   * Collects when the old generation grew by a quarter and by {@link #MIN_GROWTH} since the last
   * collection; when it shrank (the JVM collected it on its own), that is the new baseline.
   */
  private synchronized void afterPass() {
    if (othersRunning.getAsBoolean()) {
      return;
    }
    long now = oldGenerationUsed.getAsLong();
    long growth = now - baseline;
    if (growth >= MIN_GROWTH && growth >= baseline / 4) {
      collect.run();
      baseline = oldGenerationUsed.getAsLong();
    } else if (now < baseline) {
      baseline = now;
    }
  }
}
