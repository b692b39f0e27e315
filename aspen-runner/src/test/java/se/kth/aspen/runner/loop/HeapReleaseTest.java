package se.kth.aspen.runner.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeapReleaseTest {

  private static final long MIB = 1L << 20;

  private final AtomicLong used = new AtomicLong(40 * MIB);
  private final AtomicInteger collections = new AtomicInteger();
  /** The old generation holds 40 MiB; a collection leaves 30 MiB in it. */
  private final HeapRelease release = new HeapRelease(used::get, () -> {
    collections.incrementAndGet();
    used.set(30 * MIB);
  });

  @Test
  void theOldGenerationOfEachOfTheJdksGenerationalCollectorsIsWatchedAndTheYoungOneIsNot() {
    assertThat(java.util.List.of("Tenured Gen", "PS Old Gen", "G1 Old Gen", "ZGC Old Generation"))
        .allMatch(HeapRelease::holdsOldObjects);
    assertThat(java.util.List.of("Eden Space", "Survivor Space", "PS Eden Space", "PS Survivor Space", "G1 Eden Space",
        "G1 Survivor Space", "ZGC Young Generation")).noneMatch(HeapRelease::holdsOldObjects);
  }

  @Test
  void thisJvmHasAnOldGenerationToWatch() {
    assertThat(ManagementFactory.getMemoryPoolMXBeans())
        .filteredOn(pool -> pool.getType() == MemoryType.HEAP)
        .extracting(MemoryPoolMXBean::getName)
        .anyMatch(HeapRelease::holdsOldObjects);
  }

  @Test
  void anOldGenerationThatGrewByAQuarterIsCollectedAfterThePass() {
    used.set(51 * MIB);

    release.passDone(null);

    assertThat(collections).hasValue(1);
  }

  @Test
  void anOldGenerationThatGrewLittleIsLeftAlone() {
    used.set(48 * MIB); // +8 MiB but less than a quarter of 40

    release.passDone(null);

    assertThat(collections).hasValue(0);
  }

  @Test
  void aSmallOldGenerationIsNotCollectedForGrowthUnderEightMebibytes() {
    HeapRelease small = new HeapRelease(used::get, collections::incrementAndGet);
    used.set(10 * MIB);
    small.passDone(null);
    used.set(17 * MIB); // +70 % but only 7 MiB

    small.passDone(null);

    assertThat(collections).hasValue(0);
  }

  @Test
  void growthIsMeasuredFromWhatTheLastCollectionLeft() {
    used.set(60 * MIB);
    release.passDone(null); // collected: back to 30
    used.set(39 * MIB); // +9 MiB and +30 % over 30, though under the first 40

    release.passDone(null);

    assertThat(collections).hasValue(2);
  }

  @Test
  void aCrashedPassAlsoReleases() {
    used.set(80 * MIB);

    release.passCrashed(new IllegalStateException("boom"));

    assertThat(collections).hasValue(1);
  }
}
