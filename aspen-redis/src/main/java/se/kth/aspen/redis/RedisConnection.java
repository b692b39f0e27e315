package se.kth.aspen.redis;

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
 * errors. Every connection is checked with a PING when borrowed, so connections left over from
 * before a Redis restart are replaced instead of failing the call; when Redis is down, borrowing
 * fails within the timeout and the call fails with {@link UnreachableException}.
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
    config.setTestOnBorrow(true);
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
    try (Jedis jedis = pool.getResource()) {
      return call.on(jedis);
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
