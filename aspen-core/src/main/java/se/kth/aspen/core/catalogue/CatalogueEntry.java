package se.kth.aspen.core.catalogue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import se.kth.aspen.core.image.ImageReference;

/**
 * One repository's list and when it is due again. Every field is guarded by the entry's monitor;
 * a fetch runs outside it, and callers arriving meanwhile share its future.
 */
final class CatalogueEntry {

  final ImageReference repository;
  private List<String> tags;
  private Instant fetchedAt;
  private Instant dueAt;
  private Instant lastAsked;
  private boolean forced;
  private int failures;
  private String lastProblem;
  private CompletableFuture<List<String>> inFlight;

  CatalogueEntry(ImageReference repository, Instant now) {
    this.repository = repository;
    this.dueAt = now;
    this.lastAsked = now;
  }

  synchronized Optional<List<String>> tags() {
    return Optional.ofNullable(tags);
  }

  /** Whether a pass must wait for a fetch: nothing known yet, or a refresh was asked for. */
  synchronized boolean mustWait() {
    return tags == null || forced;
  }

  synchronized boolean due(Instant now) {
    return !now.isBefore(dueAt);
  }

  synchronized void asked(Instant now) {
    lastAsked = now;
  }

  synchronized Instant lastAsked() {
    return lastAsked;
  }

  synchronized void force() {
    forced = true;
  }

  /** The fetch in flight, or the given one after it is made the fetch in flight; null means "start it". */
  synchronized CompletableFuture<List<String>> join(CompletableFuture<List<String>> mine) {
    if (inFlight != null) {
      return inFlight;
    }
    inFlight = mine;
    return null;
  }

  synchronized void fetched(List<String> fresh, Instant now, Duration nextIn) {
    tags = List.copyOf(fresh);
    fetchedAt = now;
    dueAt = now.plus(nextIn);
    forced = false;
    failures = 0;
    lastProblem = null;
    inFlight = null;
  }

  /**
   * A fetch that failed: the next one after a back-off that doubles per failure in a row, up to
   * the ceiling, and never before the registry asked.
   *
   * @param atLeast the wait the registry asked for (its {@code Retry-After}); zero when it did not
   * @return the failures in a row, this one included
   */
  synchronized int failed(String problem, Instant now, Duration backoffBase, Duration ceiling, Duration atLeast) {
    failures++;
    lastProblem = problem;
    forced = false;
    inFlight = null;
    Duration wait = backoffBase.multipliedBy(1L << Math.min(failures - 1, 20));
    wait = wait.compareTo(ceiling) > 0 ? ceiling : wait;
    dueAt = now.plus(atLeast.compareTo(wait) > 0 ? atLeast : wait);
    return failures;
  }

  /** A fetch not sent because the registry asked to be left alone until then: not a failure of its own. */
  synchronized void held(String problem, Instant until) {
    lastProblem = problem;
    forced = false;
    inFlight = null;
    dueAt = until;
  }

  synchronized RepositoryStatus status() {
    return new RepositoryStatus(repository.name(), tags == null ? 0 : tags.size(), Optional.ofNullable(fetchedAt),
        forced ? lastAsked : dueAt, Optional.ofNullable(lastProblem));
  }
}
