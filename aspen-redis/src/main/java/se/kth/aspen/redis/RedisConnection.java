package se.kth.aspen.redis;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * A pool of connections to one Redis, and the one place that turns Jedis failures into port
 * errors.
 *
 * <p>A borrowed connection is not checked with a PING: that would double the round trips of
 * every call (a pass reads the state of every target). Idle connections are checked in the
 * background instead, and a call whose pooled connection turns out to be broken (Redis restarted
 * since it was last used) drops every idle connection and runs once more on a fresh one, so a
 * restart costs no failed call. A timeout is not retried: a Redis that stops answering fails the
 * call within one timeout. When Redis is down, connecting is refused at once and the call fails
 * with {@link UnreachableException}.
 */
final class RedisConnection implements AutoCloseable {

  /** One exchange with Redis on a borrowed connection. */
  @FunctionalInterface
  interface Call<T> {
    T on(Jedis jedis) throws PortException;
  }

  private final RedisAddress address;
  private final JedisPool pool;

  RedisConnection(RedisAddress address, Duration timeout, int maxConnections) {
    this.address = address;
    int millis = Math.toIntExact(timeout.toMillis());
    DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis)
        .socketTimeoutMillis(millis)
        .database(address.database())
        .ssl(address.tls())
        .clientName("aspen");
    address.user().ifPresent(client::user);
    address.password().ifPresent(client::password);
    JedisPoolConfig config = new JedisPoolConfig();
    config.setMaxTotal(maxConnections);
    config.setMaxIdle(maxConnections);
    config.setMinIdle(0);
    config.setMaxWait(timeout);
    config.setBlockWhenExhausted(true);
    config.setTestOnBorrow(false);
    // Connections idle for long (a quiet night, a Redis failover) are found broken here rather
    // than by a call; the retry in call() covers what this misses between two runs.
    config.setTestWhileIdle(true);
    config.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
    config.setNumTestsPerEvictionRun(-1);
    config.setJmxEnabled(false);
    this.pool = new JedisPool(config, new HostAndPort(address.host(), address.port()), client.build());
  }

  /**
   * Runs one exchange.
   *
   * @param attempted what the caller is doing, for the message: {@code reading the state of ...}
   * @throws UnreachableException when Redis cannot be reached or does not answer in time, or is
   *     still loading its data after a restart
   * @throws RefusedException when Redis answers with an error: rejected credentials, a key of
   *     the wrong type
   */
  <T> T call(String attempted, Call<T> call) throws PortException {
    try {
      return exchange(call);
    } catch (JedisConnectionException e) {
      throw new UnreachableException(
          attempted + " in Redis at " + address + ": cannot reach it (" + reason(e) + ")", e);
    } catch (JedisAccessControlException e) {
      throw new RefusedException(attempted + " in Redis at " + address + ": credentials rejected (" + reason(e) + ")", e);
    } catch (JedisDataException e) {
      String text = reason(e);
      if (text.startsWith("LOADING") || text.startsWith("BUSY") || text.startsWith("TRYAGAIN")) {
        throw new UnreachableException(attempted + " in Redis at " + address + ": not ready (" + text + ")", e);
      }
      throw new RefusedException(attempted + " in Redis at " + address + ": Redis answered " + text, e);
    } catch (JedisException e) {
      // Most often the pool could not hand out a connection within the timeout.
      throw new UnreachableException(attempted + " in Redis at " + address + ": " + reason(e), e);
    }
  }

  private <T> T exchange(Call<T> call) throws PortException {
    // Borrowed outside the try: a refused connect is Redis being down, not a stale connection.
    Jedis pooled = pool.getResource();
    try (pooled) {
      return call.on(pooled);
    } catch (JedisConnectionException e) {
      if (!brokenConnection(e)) {
        throw e;
      }
    }
    // The connection was closed under us, most likely by a Redis restart, which leaves every
    // other idle connection as dead as this one. Repeating a call is safe: after a restart the
    // command never reached a live server, and if a server died after running it, every write
    // here sets the same values again (at worst a lease taken then is reported as not taken and
    // lapses with its TTL). A failure now (Redis still down) is reported as it is.
    pool.clear();
    Jedis fresh = pool.getResource();
    try (fresh) {
      return call.on(fresh);
    }
  }

  /**
   * Whether the connection broke (closed or reset by the server) rather than timing out: a
   * timeout means Redis is there but slow or frozen, and retrying would only double the wait.
   * A failure to connect is not thrown here at all but by {@code getResource}, outside the retry.
   */
  private static boolean brokenConnection(JedisConnectionException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return false;
      }
    }
    return true;
  }

  /**
   * Jedis's own message and the underlying one ("Connection refused", "Read timed out"), which
   * Jedis keeps as a cause or, for a failed connect, as a suppressed exception.
   */
  private static String reason(Throwable e) {
    Set<String> parts = new LinkedHashSet<>();
    for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
      parts.add(text(t));
      for (Throwable suppressed : t.getSuppressed()) {
        parts.add(text(suppressed));
      }
    }
    return String.join(": ", parts);
  }

  private static String text(Throwable t) {
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    String text = message.strip();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  RedisAddress address() {
    return address;
  }

  @Override
  public void close() {
    pool.close();
  }
}
