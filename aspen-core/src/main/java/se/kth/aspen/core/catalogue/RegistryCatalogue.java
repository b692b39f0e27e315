package se.kth.aspen.core.catalogue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * An {@link ImageRegistry} that keeps every repository's tag list between passes, in front of
 * the real one.
 *
 * <ul>
 *   <li>A repository asked for the first time is fetched at once, and the caller waits, as
 *       without the catalogue.
 *   <li>A known list is answered from memory, with no request. Once it is older than the
 *       refresh interval (less up to the jitter) it is still answered at once, and fetched again
 *       in the background for the next pass.
 *   <li>{@link #refreshAll()} makes the next ask of every repository wait for a fresh list;
 *       {@link #refresh(PushedImage, Deadline)} fetches the pushed repository's list now.
 *   <li>A refresh that fails keeps the last good list (the apps are not failed for it) and is
 *       tried again after a back-off that doubles per failure, up to the refresh interval.
 *   <li>A registry that answers with a {@code Retry-After} (429 Too Many Requests, 503) is sent
 *       nothing more, for any repository, until then (an hour at most): a throttle is the
 *       registry's or the account's, not one repository's. Lists in hand are used meanwhile; a
 *       repository with none fails its ask at once, as the request would have.
 *   <li>{@link #prefetch} starts the fetch a pass is about to wait for, so that a pass that meets
 *       many new repositories fetches them side by side, each of its targets waiting only for its own.
 *   <li>At most {@code concurrency} requests are in flight at once, whoever made them.
 * </ul>
 *
 * Digests are not kept: the runner asks for one only when it deploys. Thread-safe.
 */
public final class RegistryCatalogue implements ImageRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryCatalogue.class);
  /** The longest a registry's Retry-After is obeyed: a mistaken header must not stop refreshes for days. */
  static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

  private final ImageRegistry source;
  private final CatalogueSettings settings;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final RegistryRequests requests;
  private final Semaphore permits;
  private final Map<String, CatalogueEntry> entries = new ConcurrentHashMap<>();
  /** Per registry host: no request before this instant, as its Retry-After asked. */
  private final Map<String, Instant> quietUntil = new ConcurrentHashMap<>();

  public RegistryCatalogue(ImageRegistry source, CatalogueSettings settings, RegistryRequests requests) {
    this(source, settings, requests, InstantSource.system(), RandomGenerator.getDefault());
  }

  RegistryCatalogue(ImageRegistry source, CatalogueSettings settings, RegistryRequests requests, InstantSource clock,
      RandomGenerator random) {
    this.source = Objects.requireNonNull(source, "source");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.requests = Objects.requireNonNull(requests, "requests");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.permits = new Semaphore(settings.concurrency(), true);
  }

  @Override
  public List<String> tags(ImageReference repository, Deadline deadline) throws PortException {
    Instant now = clock.instant();
    CatalogueEntry entry = entry(repository, now);
    if (entry.mustWait()) {
      return awaitFetch(entry, deadline);
    }
    List<String> known = entry.tags().orElseThrow();
    if (entry.due(now)) {
      startFetch(entry);
    }
    return known;
  }

  /**
   * Starts fetching the repository's list now, in the background, when an ask would have to wait
   * for one (never listed, or a refresh asked for); otherwise does nothing. The fetch waits for
   * one of the {@code concurrency} connections like any other, and the ask that follows joins
   * it. Returns at once.
   */
  @Override
  public void prefetch(ImageReference repository) {
    CatalogueEntry entry = entry(repository, clock.instant());
    if (entry.mustWait()) {
      startFetch(entry);
    }
  }

  private CatalogueEntry entry(ImageReference repository, Instant now) {
    CatalogueEntry entry = entries.computeIfAbsent(repository.name(), name -> new CatalogueEntry(
        new ImageReference(repository.registry(), repository.repository(), Optional.empty(), Optional.empty()), now));
    entry.asked(now);
    return entry;
  }

  @Override
  public String digest(ImageReference image, Deadline deadline) throws PortException {
    Optional<UnreachableException> held = held(image, "reading the manifest digest of " + image);
    if (held.isPresent()) {
      throw held.get();
    }
    return ask(image, deadline, () -> source.digest(image, deadline));
  }

  /** The next ask of every repository waits for a fresh list (a failed one keeps the last). */
  public void refreshAll() {
    entries.values().forEach(CatalogueEntry::force);
  }

  /**
   * Fetches, now, the list of every known repository the push names, waiting for them.
   *
   * @return the images refreshed; empty when no pass has asked for the repository
   */
  public List<ImageReference> refresh(PushedImage pushed, Deadline deadline) {
    List<ImageReference> refreshed = new ArrayList<>();
    for (CatalogueEntry entry : entries.values()) {
      if (pushed.names(entry.repository)) {
        entry.force();
        try {
          awaitFetch(entry, deadline);
        } catch (PortException e) {
          LOG.info("refreshing the tags of {} after a push of {}: {}", entry.repository.name(), pushed, e.getMessage());
        }
        refreshed.add(entry.repository);
      }
    }
    return refreshed;
  }

  /** Every repository asked for within the last three refresh intervals, by name. */
  public List<RepositoryStatus> statuses() {
    Instant forgetBefore = clock.instant().minus(settings.refreshInterval().multipliedBy(3));
    entries.values().removeIf(entry -> entry.lastAsked().isBefore(forgetBefore));
    return entries.values().stream().map(CatalogueEntry::status)
        .sorted(Comparator.comparing(RepositoryStatus::repository)).toList();
  }

  /**
   * Every repository's last good list, by name, as a pass would be answered now; repositories
   * never listed are left out. Asks nothing.
   */
  public Map<String, List<String>> lists() {
    SortedMap<String, List<String>> lists = new TreeMap<>();
    entries.forEach((name, entry) -> entry.tags().ifPresent(tags -> lists.put(name, tags)));
    return Collections.unmodifiableSortedMap(lists);
  }

  /** Waits for a fresh list; a failure falls back on the last good list when there is one. */
  private List<String> awaitFetch(CatalogueEntry entry, Deadline deadline) throws PortException {
    CompletableFuture<List<String>> fetch = startFetch(entry);
    String name = entry.repository.name();
    try {
      return fetch.get(Math.max(0, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Optional<List<String>> kept = entry.tags();
      if (kept.isPresent()) {
        return kept.get();
      }
      if (e.getCause() instanceof PortException p) {
        throw p;
      }
      throw new UnreachableException("listing tags of " + name + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      Optional<List<String>> kept = entry.tags();
      if (kept.isPresent()) {
        return kept.get();
      }
      throw new UnreachableException("listing tags of " + name + ": no answer before the deadline", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException("listing tags of " + name + ": interrupted", e);
    }
  }

  /** The fetch in flight for the entry, or a new one on a virtual thread of its own. */
  private CompletableFuture<List<String>> startFetch(CatalogueEntry entry) {
    CompletableFuture<List<String>> mine = new CompletableFuture<>();
    CompletableFuture<List<String>> running = entry.join(mine);
    if (running != null) {
      return running;
    }
    Thread.ofVirtual().name("aspen-tags-" + entry.repository.name()).start(() -> fetch(entry, mine));
    return mine;
  }

  private void fetch(CatalogueEntry entry, CompletableFuture<List<String>> result) {
    ImageReference repository = entry.repository;
    Optional<UnreachableException> held = held(repository, "listing tags of " + repository.name());
    if (held.isPresent()) {
      // Not a failure of this repository: the registry's wait is kept to, and counts no request.
      entry.held(held.get().getMessage(), clock.instant().plus(held.get().retryAfter().orElseThrow()));
      result.completeExceptionally(held.get());
      return;
    }
    try {
      Deadline deadline = Deadline.in(settings.requestTimeout().multipliedBy(2));
      List<String> tags = ask(repository, deadline,
          () -> source.tags(repository, deadline.atMost(settings.requestTimeout())));
      entry.fetched(tags, clock.instant(), nextIn());
      result.complete(tags);
    } catch (PortException e) {
      Duration asked = e instanceof UnreachableException u ? u.retryAfter().map(RegistryCatalogue::obeyed)
          .orElse(Duration.ZERO) : Duration.ZERO;
      int failures = entry.failed(e.getMessage(), clock.instant(), settings.firstBackoff(), settings.refreshInterval(),
          asked);
      if (entry.tags().isPresent()) {
        LOG.warn("refreshing the tags of {} failed ({} in a row); keeping the last list: {}", repository.name(),
            failures, e.getMessage());
      }
      result.completeExceptionally(e);
    } catch (RuntimeException | Error e) {
      entry.failed(e.toString(), clock.instant(), settings.firstBackoff(), settings.refreshInterval(), Duration.ZERO);
      result.completeExceptionally(e);
      throw e;
    }
  }

  /** One registry call within the concurrency bound, counted, and a Retry-After in its failure remembered. */
  private <T> T ask(ImageReference image, Deadline deadline, RegistryCall<T> call) throws PortException {
    acquire(image, deadline);
    String registry = registryOf(image);
    try {
      T answer = call.ask();
      requests.answered(registry, RegistryRequests.Outcome.OK);
      return answer;
    } catch (PortException e) {
      requests.answered(registry, outcome(e));
      if (e instanceof UnreachableException u && u.retryAfter().isPresent()) {
        holdOff(registry, obeyed(u.retryAfter().get()), e.getMessage());
      }
      throw e;
    } finally {
      permits.release();
    }
  }

  @FunctionalInterface
  private interface RegistryCall<T> {
    T ask() throws PortException;
  }

  private void holdOff(String registry, Duration wait, String problem) {
    Instant until = clock.instant().plus(wait);
    Instant before = quietUntil.get(registry);
    if (before == null || before.isBefore(until)) {
      quietUntil.merge(registry, until, (a, b) -> a.isAfter(b) ? a : b);
      LOG.warn("registry {} asked to be sent nothing for {} s: no requests to it until {}; the tag lists in hand are"
          + " used meanwhile ({})", registry, wait.toSeconds(), until, problem);
    }
  }

  /** The failure a request would meet now, without sending it, while the image's registry asked for quiet. */
  private Optional<UnreachableException> held(ImageReference image, String attempt) {
    String registry = registryOf(image);
    Instant until = quietUntil.get(registry);
    Instant now = clock.instant();
    if (until == null) {
      return Optional.empty();
    }
    if (!now.isBefore(until)) {
      quietUntil.remove(registry, until);
      return Optional.empty();
    }
    return Optional.of(UnreachableException.throttled(attempt + ": registry " + registry
        + " asked for no requests before " + until + " (Retry-After); none sent", Duration.between(now, until)));
  }

  /** The registry's wait, up to the longest obeyed. */
  private static Duration obeyed(Duration asked) {
    return asked.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : asked;
  }

  private void acquire(ImageReference image, Deadline deadline) throws UnreachableException {
    try {
      if (!permits.tryAcquire(Math.max(0, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS)) {
        throw new UnreachableException("asking the registry of " + image.name() + ": all "
            + settings.concurrency() + " registry connections stayed busy until the deadline");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException("asking the registry of " + image.name() + ": interrupted", e);
    }
  }

  /** The refresh interval, less a random part of the jitter. */
  private Duration nextIn() {
    long interval = settings.refreshInterval().toMillis();
    return Duration.ofMillis(interval - (long) (interval * settings.jitter() * random.nextDouble()));
  }

  private static RegistryRequests.Outcome outcome(PortException e) {
    return e.couldNotTry() ? RegistryRequests.Outcome.UNAVAILABLE : RegistryRequests.Outcome.REFUSED;
  }

  private static String registryOf(ImageReference image) {
    return image.registry().orElse("default");
  }
}
