package se.kth.aspen.forge;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.port.CommitStatus;

/**
 * The one thread that posts statuses, in order. A 5xx, a timeout or a refused connection is tried
 * again after a pause that doubles; a rate limit (403/429 with the forge's headers) pauses the
 * sender for as long as the forge asks, at most {@code maxRateLimitWait}; any other answer is
 * logged and the status dropped. When the queue is full the oldest status waiting is dropped.
 */
final class StatusSender implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(StatusSender.class);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private final StatusRoute route;
  private final HttpClient http;
  private final Settings settings;
  private final Sleeper sleeper;
  private final Clock clock;
  private final LinkedBlockingDeque<CommitStatus> queue;
  private volatile boolean closing;
  /** Statuses posted, and those dropped after a refusal or the last retry: for tests and logs. */
  final java.util.concurrent.atomic.AtomicInteger posted = new java.util.concurrent.atomic.AtomicInteger();
  final java.util.concurrent.atomic.AtomicInteger dropped = new java.util.concurrent.atomic.AtomicInteger();

  record Settings(Duration requestTimeout, int queueCapacity, int retries, Duration firstBackoff, Duration maxRateLimitWait,
      String name) {}

  StatusSender(StatusRoute route, HttpClient http, Settings settings, Sleeper sleeper, Clock clock) {
    this.route = route;
    this.http = http;
    this.settings = settings;
    this.sleeper = sleeper;
    this.clock = clock;
    this.queue = new LinkedBlockingDeque<>(settings.queueCapacity());
  }

  void offer(CommitStatus status) {
    while (!queue.offerLast(status)) {
      CommitStatus dropped = queue.pollFirst();
      if (dropped != null) {
        LOG.warn("{}: the queue is full; dropped the oldest status waiting: {}", settings.name(), describe(dropped));
      }
    }
  }

  void closing() {
    closing = true;
  }

  boolean idle() {
    return queue.isEmpty();
  }

  int waiting() {
    return queue.size();
  }

  @Override
  public void run() {
    try {
      while (!(closing && queue.isEmpty())) {
        CommitStatus status = queue.pollFirst(100, TimeUnit.MILLISECONDS);
        if (status != null) {
          deliver(status);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(CommitStatus status) throws InterruptedException {
    Duration backoff = settings.firstBackoff();
    int failures = 0;
    int limited = 0;
    while (true) {
      String problem;
      try {
        HttpResponse<String> response = http.send(route.request(status, settings.requestTimeout()),
            HttpResponse.BodyHandlers.ofString());
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
          LOG.debug("{}: posted {}", settings.name(), describe(status));
          posted.incrementAndGet();
          return;
        }
        Optional<Duration> limit = RateLimit.wait(code, response.headers(), clock.instant());
        if (limit.isPresent() && limited++ <= settings.retries()) {
          Duration wait = limit.get().isZero() ? backoff : limit.get();
          if (wait.compareTo(settings.maxRateLimitWait()) > 0) {
            wait = settings.maxRateLimitWait();
          }
          LOG.warn("{}: rate limited (HTTP {}); waiting {} before posting {}", settings.name(), code, wait, describe(status));
          sleeper.sleep(wait);
          backoff = doubled(backoff);
          continue;
        }
        if (code < 500) {
          LOG.warn("{}: HTTP {} posting {}; not retried: {}", settings.name(), code, describe(status), firstLine(response.body()));
          dropped.incrementAndGet();
          return;
        }
        problem = "HTTP " + code;
      } catch (IOException e) {
        problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      if (failures++ >= settings.retries()) {
        LOG.warn("{}: gave up posting {} after {} attempts: {}", settings.name(), describe(status), failures, problem);
        dropped.incrementAndGet();
        return;
      }
      sleeper.sleep(backoff);
      backoff = doubled(backoff);
    }
  }

  private static Duration doubled(Duration d) {
    Duration twice = d.multipliedBy(2);
    return twice.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : twice;
  }

  private static String firstLine(String body) {
    String line = body == null ? "" : body.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  static String describe(CommitStatus status) {
    return status.state().name().toLowerCase(java.util.Locale.ROOT) + " " + status.context() + " on "
        + status.revision().substring(0, Math.min(12, status.revision().length()));
  }
}
