package se.kth.aspen.core.version;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * The tags of every repository a pass asks about, each fetched once per pass however many
 * targets share it and however many of them ask at the same moment. A failed listing is
 * remembered for the pass as well: a registry that is down is asked once, not once per app. So is
 * the tag each range resolved to: many apps on one range read the repository's tags once.
 *
 * <p>Make one per pass; it never forgets.
 */
public final class TagCatalog {

  private final ImageRegistry registry;
  private final Duration requestTimeout;
  private final Map<String, CompletableFuture<List<String>>> listings = new ConcurrentHashMap<>();
  private final Map<Asked, Optional<String>> bests = new ConcurrentHashMap<>();

  private record Asked(String repository, VersionRange range) {}

  public TagCatalog(ImageRegistry registry, Duration requestTimeout) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  /**
   * The repository's tags.
   *
   * @throws PortException as the registry answered, the first time it was asked in this pass
   */
  public List<String> tags(ImageReference repository, Deadline deadline) throws PortException {
    CompletableFuture<List<String>> mine = new CompletableFuture<>();
    CompletableFuture<List<String>> listing = listings.putIfAbsent(repository.name(), mine);
    if (listing == null) {
      listing = mine;
      try {
        mine.complete(registry.tags(repository, deadline.atMost(requestTimeout)));
      } catch (PortException | RuntimeException e) {
        mine.completeExceptionally(e);
      }
    }
    try {
      return listing.get(deadline.remaining().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PortException p) {
        throw p;
      }
      throw new UnreachableException("listing tags of " + repository.name() + ": " + e.getCause(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new UnreachableException("listing tags of " + repository.name() + ": no answer before the deadline", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException("listing tags of " + repository.name() + ": interrupted", e);
    }
  }

  /**
   * Tells the registry the repository's tags will be asked for in this pass, unless they were
   * already ({@link ImageRegistry#prefetch}). Returns at once.
   */
  public void prefetch(ImageReference repository) {
    if (!listings.containsKey(repository.name())) {
      registry.prefetch(repository);
    }
  }

  /**
   * The highest tag of the repository within the range.
   *
   * @throws UnsatisfiedRangeException when no tag is in range
   * @throws PortException when the tags cannot be listed
   */
  public String resolve(ImageReference repository, VersionRange range, Deadline deadline)
      throws PortException, UnsatisfiedRangeException {
    return best(repository, range, tags(repository, deadline));
  }

  /**
   * The highest of the repository's tags within the range, the tags being what {@link #tags}
   * gave for it in this pass.
   *
   * @throws UnsatisfiedRangeException when no tag is in range
   */
  public String best(ImageReference repository, VersionRange range, List<String> tags) throws UnsatisfiedRangeException {
    return bests.computeIfAbsent(new Asked(repository.name(), range), asked -> range.best(tags))
        .orElseThrow(() -> new UnsatisfiedRangeException(repository.name(), range));
  }
}
