package se.kth.aspen.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes messages from the queue and sends each, retrying a retryable failure a few times with a
 * doubling pause. Runs on its own thread, so nothing it waits for ever reaches a deploy.
 */
final class Sender implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpNotifier.class);
  private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(1);

  private final DeliveryQueue queue;
  private final Map<NoticeKind, URI> endpoints;
  private final NoticePut put;
  private final int retries;
  private final Duration firstBackoff;
  private final Sleeper sleeper;

  final AtomicLong delivered = new AtomicLong();
  final AtomicLong givenUp = new AtomicLong();
  private volatile Delivery current;

  Sender(DeliveryQueue queue, Map<NoticeKind, URI> endpoints, NoticePut put, int retries,
      Duration firstBackoff, Sleeper sleeper) {
    this.queue = queue;
    this.endpoints = Map.copyOf(endpoints);
    this.put = put;
    this.retries = retries;
    this.firstBackoff = firstBackoff;
    this.sleeper = sleeper;
  }

  @Override
  public void run() {
    try {
      for (Optional<Delivery> next = queue.take(); next.isPresent(); next = queue.take()) {
        current = next.get();
        try {
          deliver(current);
        } catch (RuntimeException e) {
          // One bad message must not stop the sender: the queue would then only ever drop.
          givenUp.incrementAndGet();
          LOG.warn("{} not delivered: {}", current, e.toString());
        }
        current = null;
      }
    } catch (InterruptedException e) {
      Delivery abandoned = current;
      if (abandoned != null) {
        LOG.warn("notifier stopped while sending a {}; it was not delivered", abandoned);
      }
      Thread.currentThread().interrupt();
    }
  }

  /** The message being sent or waited on between retries, if any. */
  Optional<Delivery> current() {
    return Optional.ofNullable(current);
  }

  private void deliver(Delivery delivery) throws InterruptedException {
    URI endpoint = endpoints.get(delivery.kind());
    Duration backoff = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      NoticePut.Result result = put.send(endpoint, delivery);
      boolean lastAttempt = attempt > retries;
      switch (result) {
        case NoticePut.Result.Delivered d -> {
          delivered.incrementAndGet();
          LOG.debug("sent {} to {} (HTTP {})", delivery, delivery.kind().setting(), d.status());
          return;
        }
        case NoticePut.Result.Rejected r -> {
          givenUp.incrementAndGet();
          LOG.warn("{} not delivered to {}: {}; not retried", delivery, delivery.kind().setting(), r.reason());
          return;
        }
        case NoticePut.Result.Retryable r when lastAttempt -> {
          givenUp.incrementAndGet();
          LOG.warn("{} not delivered to {}: {}; gave up after {} attempts",
              delivery, delivery.kind().setting(), r.reason(), attempt);
          return;
        }
        case NoticePut.Result.Retryable r -> {
          LOG.info("{} not delivered to {}: {}; retrying in {} ms (attempt {} of {})",
              delivery, delivery.kind().setting(), r.reason(), backoff.toMillis(), attempt, retries + 1);
          sleeper.sleep(backoff);
          Duration doubled = backoff.multipliedBy(2);
          backoff = doubled.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : doubled;
        }
      }
    }
  }
}
