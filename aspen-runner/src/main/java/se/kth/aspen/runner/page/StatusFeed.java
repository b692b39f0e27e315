package se.kth.aspen.runner.page;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import se.kth.aspen.runner.loop.PassObserver;

/**
 * What the status page reads beyond the last report: the passes so far and the live events.
 * Both must hear the loop: give {@link #observers()} to it.
 *
 * @param version the runner's version, as {@code --version} says it
 */
public record StatusFeed(PassHistory history, PassEvents events, String version) {

  public StatusFeed {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(version, "version");
  }

  /** A fresh feed, heard by nothing until its observers are given to a loop. */
  public static StatusFeed fresh(Clock clock, String version) {
    return new StatusFeed(new PassHistory(clock), new PassEvents(), version);
  }

  public List<PassObserver> observers() {
    return List.of(history, events);
  }
}
