package se.kth.aspen.runner.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers webhook delivery ids for a while, so that a captured request sent again is refused.
 * Bounded in size: the oldest ids go first.
 */
final class DeliveryLog {

  private final Clock clock;
  private final Duration memory;
  private final int capacity;
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  DeliveryLog(Clock clock, Duration memory, int capacity) {
    this.clock = clock;
    this.memory = memory;
    this.capacity = capacity;
  }

  /** Records the delivery; false when it was already seen within the memory period. */
  synchronized boolean firstTime(String deliveryId) {
    Instant now = clock.instant();
    for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Instant> oldest = it.next();
      if (oldest.getValue().plus(memory).isAfter(now) && seen.size() < capacity) {
        break;
      }
      it.remove();
    }
    return seen.putIfAbsent(deliveryId, now) == null;
  }
}
