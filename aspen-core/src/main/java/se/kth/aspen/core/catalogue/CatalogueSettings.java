package se.kth.aspen.core.catalogue;

import java.time.Duration;
import java.util.Objects;

/**
 * How the catalogue keeps its lists.
 *
 * @param refreshInterval the longest a list is used before it is fetched again ({@code TAGS_REFRESH_SECS})
 * @param jitter the fraction of the interval by which a refresh may come early, so that lists
 *     fetched together (the first pass) do not all come due together again; 0 to 1
 * @param concurrency the most registry requests in flight at once ({@code REGISTRY_CONCURRENCY})
 * @param requestTimeout the longest one registry request may take
 * @param firstBackoff the wait after a failed refresh before the next; doubles per failure up to
 *     the refresh interval
 */
public record CatalogueSettings(
    Duration refreshInterval, double jitter, int concurrency, Duration requestTimeout, Duration firstBackoff) {

  public CatalogueSettings {
    Objects.requireNonNull(refreshInterval, "refreshInterval");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException("the tag refresh interval must be positive, not " + refreshInterval);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("the refresh jitter must be between 0 and 1, not " + jitter);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("the registry concurrency must be at least 1, not " + concurrency);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero() || firstBackoff.isNegative()) {
      throw new IllegalArgumentException("the request timeout must be positive and the back-off not negative");
    }
  }

  /** The given interval, concurrency and timeout; a quarter of jitter; 15 s first back-off. */
  public static CatalogueSettings of(Duration refreshInterval, int concurrency, Duration requestTimeout) {
    return new CatalogueSettings(refreshInterval, 0.25, concurrency, requestTimeout, Duration.ofSeconds(15));
  }
}
