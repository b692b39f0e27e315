package se.kth.aspen.core.catalogue;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One repository of the catalogue, as it stands.
 *
 * @param repository the image name ({@code registry/path})
 * @param tags how many tags the last good list had
 * @param fetchedAt when the last good list was fetched; empty when none was
 * @param refreshDueAt when it is fetched again (at the next pass that needs it after then)
 * @param lastProblem why the last refresh failed, when it did (the last good list is kept)
 */
public record RepositoryStatus(
    String repository, int tags, Optional<Instant> fetchedAt, Instant refreshDueAt, Optional<String> lastProblem) {

  public RepositoryStatus {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(refreshDueAt, "refreshDueAt");
    Objects.requireNonNull(lastProblem, "lastProblem");
  }
}
