package se.kth.aspen.runner.loop;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Objects;
import java.util.function.LongSupplier;
import se.kth.aspen.core.pass.PassReport;

/**
 * Gives memory back between passes: when the heap in use has grown well past what was left in use
 * by the last collection, asks for a full collection once the pass has ended.
 *
 * <p>Why: a pass keeps some of its objects alive across young collections (the report, the
 * states read, the results) so they are promoted, and the serial collector (the launcher's
 * default) grows the old generation to hold them instead of collecting it, until the heap
 * limit. A runner that does little between passes would so creep up to its limit. One full
 * collection while idle (tens of milliseconds at 1 000 apps) lets the JVM shrink the heap
 * (down to {@code -XX:MaxHeapFreeRatio}) and keeps the resident memory near the live set.
 * {@code -XX:+DisableExplicitGC} turns this off.
 */
public final class HeapRelease implements PassObserver {

  /** Growth under this many bytes is never worth a collection. */
  static final long MIN_GROWTH = 8L << 20;

  private final LongSupplier usedHeap;
  private final Runnable collect;
  private long baseline;

  /** Watches this JVM's heap and collects with {@link System#gc()}. */
  public static HeapRelease ofThisJvm() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    return new HeapRelease(() -> memory.getHeapMemoryUsage().getUsed(), System::gc);
  }

  HeapRelease(LongSupplier usedHeap, Runnable collect) {
    this.usedHeap = Objects.requireNonNull(usedHeap, "usedHeap");
    this.collect = Objects.requireNonNull(collect, "collect");
    this.baseline = usedHeap.getAsLong();
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
   * Collects when the heap in use grew by a quarter and by {@link #MIN_GROWTH} since the last
   * collection. What is in use includes the young generation's garbage, at most a third of the
   * heap: a large heap is so collected once, and then stays small.
   */
  private synchronized void afterPass() {
    long now = usedHeap.getAsLong();
    long growth = now - baseline;
    if (growth >= MIN_GROWTH && growth >= baseline / 4) {
      collect.run();
      baseline = usedHeap.getAsLong();
    } else if (now < baseline) {
      baseline = now;
    }
  }
}
