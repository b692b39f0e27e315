package se.kth.aspen.swarm.registry;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kept-alive connections waiting for their next request, per {@link Origin}. A first pass sends
 * hundreds of tag list requests to one registry, a handful at a time: reusing connections spares
 * a TCP (and TLS) handshake per request. At most {@code maxIdlePerOrigin} wait per origin (more
 * are closed at once), and one idle longer than {@code idleTimeout} is closed: a server drops
 * idle connections after a while too, and a socket it has dropped only holds a descriptor. The
 * most recently used connection is handed out first, being the least likely to have been dropped.
 */
final class ConnectionPool {

  private final int maxIdlePerOrigin;
  private final long idleTimeoutNanos;
  private final Map<Origin, ArrayDeque<HttpConnection>> idle = new HashMap<>();
  private boolean sweeping;

  ConnectionPool(int maxIdlePerOrigin, Duration idleTimeout) {
    if (maxIdlePerOrigin < 0 || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("a pool needs a non-negative size and a positive idle timeout");
    }
    this.maxIdlePerOrigin = maxIdlePerOrigin;
    this.idleTimeoutNanos = idleTimeout.toNanos();
  }

  /** An idle connection to the origin, if one waits; it is the caller's until given back. */
  Optional<HttpConnection> take(Origin origin) {
    List<HttpConnection> expired = new ArrayList<>();
    Optional<HttpConnection> taken;
    synchronized (this) {
      ArrayDeque<HttpConnection> waiting = idle.get(origin);
      taken = Optional.empty();
      long now = System.nanoTime();
      while (waiting != null && !waiting.isEmpty() && taken.isEmpty()) {
        HttpConnection connection = waiting.pollLast();
        if (now - connection.idleSinceNanos() < idleTimeoutNanos) {
          taken = Optional.of(connection);
        } else {
          expired.add(connection);
        }
      }
      if (waiting != null && waiting.isEmpty()) {
        idle.remove(origin);
      }
    }
    expired.forEach(HttpConnection::close);
    return taken;
  }

  /** Takes a connection back after an exchange; one that cannot be reused, or one too many, is closed. */
  void giveBack(HttpConnection connection) {
    if (!connection.reusable()) {
      connection.close();
      return;
    }
    boolean kept = false;
    synchronized (this) {
      ArrayDeque<HttpConnection> waiting = idle.computeIfAbsent(connection.origin(), o -> new ArrayDeque<>());
      if (waiting.size() < maxIdlePerOrigin) {
        connection.idleSince(System.nanoTime());
        waiting.addLast(connection);
        kept = true;
        if (!sweeping) {
          sweeping = true;
          Thread.ofVirtual().name("aspen-registry-connection-sweeper").start(this::sweepUntilEmpty);
        }
      } else if (waiting.isEmpty()) {
        idle.remove(connection.origin());
      }
    }
    if (!kept) {
      connection.close();
    }
  }

  /** Closes idle connections as they expire, and stops once none wait (a later one restarts it). */
  private void sweepUntilEmpty() {
    while (true) {
      try {
        Thread.sleep(Duration.ofNanos(Math.max(idleTimeoutNanos / 2, 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        synchronized (this) {
          sweeping = false;
        }
        return;
      }
      List<HttpConnection> expired = new ArrayList<>();
      boolean done;
      synchronized (this) {
        long now = System.nanoTime();
        for (Iterator<ArrayDeque<HttpConnection>> origins = idle.values().iterator(); origins.hasNext(); ) {
          ArrayDeque<HttpConnection> waiting = origins.next();
          waiting.removeIf(connection -> {
            boolean old = now - connection.idleSinceNanos() >= idleTimeoutNanos;
            if (old) {
              expired.add(connection);
            }
            return old;
          });
          if (waiting.isEmpty()) {
            origins.remove();
          }
        }
        done = idle.isEmpty();
        if (done) {
          sweeping = false;
        }
      }
      expired.forEach(HttpConnection::close);
      if (done) {
        return;
      }
    }
  }
}
