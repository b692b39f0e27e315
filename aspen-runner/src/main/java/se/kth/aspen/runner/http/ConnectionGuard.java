package se.kth.aspen.runner.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps slow or idle clients from holding the API: a connection beyond {@code maxConnections} is
 * closed as soon as it opens, and a connection that has not sent a complete request head within
 * {@code headDeadline} of opening (or of its previous response) is closed. A client trickling
 * one header byte at a time therefore holds a socket for seconds, not for as long as it likes,
 * and never a thread: Jetty parses heads without one.
 */
final class ConnectionGuard implements Connection.Listener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

  private final int maxConnections;
  private final long headDeadlineNanos;
  private final LongSupplier nanoTime;
  private final Map<Connection, Progress> open = new ConcurrentHashMap<>();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong cutOff = new AtomicLong();
  private final ScheduledExecutorService sweeper;

  /** How far a connection had got when last looked at. */
  private static final class Progress {
    long messagesIn;
    long messagesOut;
    long bytesOut;
    long since;

    Progress(long now) {
      this.since = now;
    }
  }

  ConnectionGuard(int maxConnections, Duration headDeadline, LongSupplier nanoTime) {
    if (maxConnections < 1 || headDeadline.isNegative() || headDeadline.isZero()) {
      throw new IllegalArgumentException("need at least one connection and a positive deadline");
    }
    this.maxConnections = maxConnections;
    this.headDeadlineNanos = headDeadline.toNanos();
    this.nanoTime = nanoTime;
    this.sweeper = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("aspen-api-guard").daemon(true).factory());
    long period = Math.max(50, headDeadline.toMillis() / 10);
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onOpened(Connection connection) {
    if (open.size() >= maxConnections) {
      long count = refused.incrementAndGet();
      // Once per power of two: a flood must not flood the log as well.
      if (Long.bitCount(count) == 1) {
        log.warn("refused an API connection from {}: {} are open already ({} refused so far)",
            connection.getEndPoint().getRemoteSocketAddress(), maxConnections, count);
      }
      connection.getEndPoint().close();
      return;
    }
    open.put(connection, new Progress(nanoTime.getAsLong()));
  }

  @Override
  public void onClosed(Connection connection) {
    open.remove(connection);
  }

  /** Connections currently open and counted. */
  int openConnections() {
    return open.size();
  }

  /** Closes every connection that is waiting for a request head and has waited too long. */
  void sweep() {
    long now = nanoTime.getAsLong();
    open.forEach((connection, progress) -> {
      long in = connection.getMessagesIn();
      long out = connection.getMessagesOut();
      // Bytes written count too: a long response (an event stream) is the server at work, and a
      // client cannot make the server write without having sent a complete request.
      long written = connection.getBytesOut();
      if (in != progress.messagesIn || out != progress.messagesOut || written != progress.bytesOut) {
        progress.messagesIn = in;
        progress.messagesOut = out;
        progress.bytesOut = written;
        progress.since = now;
        return;
      }
      // in > out: a request is being handled; its body has its own deadline.
      if (in == out && now - progress.since > headDeadlineNanos) {
        long count = cutOff.incrementAndGet();
        if (Long.bitCount(count) == 1) {
          log.info("closed an API connection from {} that sent no complete request within {} ms ({} so far)",
              connection.getEndPoint().getRemoteSocketAddress(), headDeadlineNanos / 1_000_000, count);
        }
        open.remove(connection);
        connection.getEndPoint().close();
      }
    });
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
