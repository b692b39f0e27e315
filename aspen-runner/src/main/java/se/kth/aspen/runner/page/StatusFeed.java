package se.kth.aspen.runner.page;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.runner.loop.PassObserver;

/**
 * What the status page reads beyond the last report: the passes so far and the live events.
 * Both must hear the loop: give {@link #observers()} to it.
 *
 * @param version the runner's version, as {@code --version} says it
 * @param commits where the forge shows a revision of the registry, when it is known
 */
public record StatusFeed(PassHistory history, PassEvents events, String version, Optional<CommitLinks> commits) {

  public StatusFeed {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(commits, "commits");
  }

  /** A fresh feed, heard by nothing until its observers are given to a loop. */
  public static StatusFeed fresh(Clock clock, String version) {
    return fresh(clock, version, Optional.empty());
  }

  /** A fresh feed whose page links revisions to the forge. */
  public static StatusFeed fresh(Clock clock, String version, Optional<CommitLinks> commits) {
    return new StatusFeed(new PassHistory(clock), new PassEvents(), version, commits);
  }

  public List<PassObserver> observers() {
    return List.of(history, events);
  }
}
