package se.kth.aspen.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.Notifier;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.port.RecoveryNotice;

/**
 * Sends notices as the JSON bodies aspen-notify/README.md describes, by HTTP PUT, to {@code
 * SLACK_DEPLOYMENT_POST_URL}, {@code SLACK_ERROR_POST_URL} and {@code
 * SLACK_RECOMMENDATION_POST_URL}. A kind without a URL is only logged.
 *
 * <p>Calls return at once: a notice is put on a bounded queue that one sender thread empties.
 * The sender gives each request the request timeout and retries 5xx answers, timeouts and
 * connection failures a few times with a doubling pause; a 4xx is not retried. When the queue is
 * full the oldest message is dropped, with a log line. {@link #close()} lets the sender finish
 * what is queued for at most the drain timeout. URLs never appear in logs: they may hold tokens.
 */
public final class HttpNotifier implements Notifier, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpNotifier.class);

  private final Map<NoticeKind, URI> endpoints;
  private final NoticeJson json = new NoticeJson();
  private final LogNotifier log = new LogNotifier();
  private final DeliveryQueue queue;
  private final Sender sender;
  private final Thread senderThread;
  private final HttpClient client;
  private final Duration drainTimeout;
  private final AtomicLong dropped = new AtomicLong();
  private final boolean sendRecoveries;

  private HttpNotifier(Builder builder) {
    this.endpoints = new EnumMap<>(builder.endpoints);
    this.queue = new DeliveryQueue(builder.queueCapacity);
    this.drainTimeout = builder.drainTimeout;
    this.sendRecoveries = builder.sendRecoveries;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(builder.requestTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.sender = new Sender(queue, endpoints, new NoticePut(client, builder.requestTimeout),
        builder.retries, builder.firstBackoff, builder.sleeper);
    this.senderThread = Thread.ofPlatform().name("aspen-notify-sender").daemon(true).unstarted(sender);
    senderThread.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void deployment(DeploymentNotice notice) {
    submit(NoticeKind.DEPLOYMENT,
        () -> "deployment of " + notice.cluster() + "/" + notice.application() + " " + NoticeJson.version(notice),
        () -> json.deployment(notice), () -> log.deployment(notice));
  }

  @Override
  public void error(ErrorNotice notice) {
    submit(NoticeKind.ERROR, () -> PlainText.firstLine(PlainText.error(notice)), () -> json.error(notice), () -> log.error(notice));
  }

  /** Sent to {@code SLACK_ERROR_POST_URL} in the error body, where the failure was reported. */
  @Override
  public void recovery(RecoveryNotice notice) {
    if (!sendRecoveries) {
      log.recovery(notice);
      return;
    }
    submit(NoticeKind.ERROR, () -> PlainText.firstLine(PlainText.recovery(notice)), () -> json.recovery(notice), () -> log.recovery(notice));
  }

  @Override
  public void recommendation(RecommendationNotice notice) {
    submit(NoticeKind.RECOMMENDATION, () -> PlainText.firstLine(PlainText.recommendation(notice)),
        () -> json.recommendation(notice), () -> log.recommendation(notice));
  }

  private void submit(NoticeKind kind, Supplier<String> subject, Supplier<byte[]> body, Runnable logOnly) {
    try {
      if (!endpoints.containsKey(kind)) {
        logOnly.run();
        return;
      }
      Delivery delivery = new Delivery(kind, subject.get(), body.get());
      switch (queue.offer(delivery)) {
        case DeliveryQueue.Offer.Queued q -> { }
        case DeliveryQueue.Offer.QueuedDroppingOldest d -> {
          dropped.incrementAndGet();
          LOG.warn("notification queue full ({} messages): dropped the oldest, a {}",
              queue.capacity(), d.dropped());
        }
        case DeliveryQueue.Offer.Refused r -> {
          LOG.warn("notifier is closed: {} only logged", delivery);
          logOnly.run();
        }
      }
    } catch (RuntimeException e) {
      // The port promises never to throw: a notice that cannot be built must not fail a deploy.
      LOG.warn("cannot send a {} notice: {}", kind.label(), e.toString());
    }
  }

  /**
   * Stops taking notices and lets the sender finish the queued ones for at most the drain
   * timeout; what is left then is logged and abandoned.
   */
  @Override
  public void close() {
    queue.close();
    try {
      senderThread.join(drainTimeout);
      if (senderThread.isAlive()) {
        senderThread.interrupt();
        senderThread.join(Duration.ofSeconds(1));
      }
    } catch (InterruptedException e) {
      senderThread.interrupt();
      Thread.currentThread().interrupt();
    }
    List<Delivery> left = queue.clear();
    if (!left.isEmpty()) {
      LOG.warn("notifier closed with {} messages not sent: {}", left.size(), left);
    }
    client.shutdownNow();
  }

  /** Messages waiting, oldest first, not counting the one being sent. */
  List<Delivery> waiting() {
    return queue.snapshot();
  }

  /** The message being sent or waiting between retries. */
  Optional<Delivery> inFlight() {
    return sender.current();
  }

  long delivered() {
    return sender.delivered.get();
  }

  long givenUp() {
    return sender.givenUp.get();
  }

  long dropped() {
    return dropped.get();
  }

  /** How to build an {@link HttpNotifier}; every setting has a default but the URLs. */
  public static final class Builder {

    private final Map<NoticeKind, URI> endpoints = new EnumMap<>(NoticeKind.class);
    private Duration requestTimeout = Duration.ofSeconds(5);
    private int queueCapacity = 1000;
    private int retries = 3;
    private Duration firstBackoff = Duration.ofSeconds(1);
    private Duration drainTimeout = Duration.ofSeconds(10);
    private Sleeper sleeper = Sleeper.REAL;
    private boolean sendRecoveries;

    private Builder() {}

    /**
     * Whether a recovery is sent to the error URL (as an error body without a stack trace). Off by
     * default: the old tool sent none, and Alvares shows whatever reaches the error URL as an
     * error; when off, recoveries are only logged.
     */
    public Builder sendRecoveries(boolean send) {
      this.sendRecoveries = send;
      return this;
    }

    /** {@code SLACK_DEPLOYMENT_POST_URL}; without it deployments are only logged. */
    public Builder deploymentUrl(URI url) {
      return endpoint(NoticeKind.DEPLOYMENT, url);
    }

    /** {@code SLACK_ERROR_POST_URL}; without it errors are only logged. */
    public Builder errorUrl(URI url) {
      return endpoint(NoticeKind.ERROR, url);
    }

    /** {@code SLACK_RECOMMENDATION_POST_URL}; without it recommendations are only logged. */
    public Builder recommendationUrl(URI url) {
      return endpoint(NoticeKind.RECOMMENDATION, url);
    }

    /** {@code REQUEST_TIMEOUT}: for connecting and for the whole answer of one attempt (5 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "request timeout");
      return this;
    }

    /** How many messages may wait (1000); past that the oldest is dropped. */
    public Builder queueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("the notification queue capacity must be at least 1, got " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    /** How many times a retryable failure is tried again (3). */
    public Builder retries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must not be negative, got " + retries);
      }
      this.retries = retries;
      return this;
    }

    /** The pause before the first retry (1 s); it doubles for each next one, up to a minute. */
    public Builder firstBackoff(Duration backoff) {
      this.firstBackoff = positive(backoff, "backoff");
      return this;
    }

    /** How long {@link HttpNotifier#close()} lets the sender finish the queue (10 s). */
    public Builder drainTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "drain timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("the drain timeout must not be negative, got " + timeout);
      }
      this.drainTimeout = timeout;
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    public HttpNotifier build() {
      return new HttpNotifier(this);
    }

    private Builder endpoint(NoticeKind kind, URI url) {
      Objects.requireNonNull(url, kind.setting());
      String scheme = url.getScheme();
      if (!url.isAbsolute() || url.getHost() == null
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        // The URL itself stays out of the message: webhook URLs carry tokens.
        throw new IllegalArgumentException(kind.setting() + " must be an absolute http:// or https:// URL");
      }
      endpoints.put(kind, url);
      return this;
    }

    private static Duration positive(Duration value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("the " + what + " must be positive, got " + value);
      }
      return value;
    }
  }
}
