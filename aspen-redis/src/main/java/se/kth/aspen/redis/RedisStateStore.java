package se.kth.aspen.redis;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.Lease;
import se.kth.aspen.core.port.LeaseHolder;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

/**
 * Aspen's state in Redis ({@code REDIS_URL}), shared by every runner of every management group
 * that points at it. Keys follow the scheme in README.md ({@code aspen:<group>:target:...});
 * listing uses {@code SCAN}, never {@code KEYS}. Leases are {@code SET NX PX} with a random token
 * (followed by when and by whom the lease was taken), renewed and released by Lua scripts that
 * check the whole value.
 *
 * <p>When Redis is down every call fails within the timeout with an {@code UnreachableException}
 * naming the operation and the server (never the password); the pool reconnects by itself once
 * Redis is back. Thread-safe.
 */
public final class RedisStateStore implements StateStore, AutoCloseable {

  private static final int SCAN_BATCH = 1000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RedisConnection redis;
  private final RecordCodec codec = new RecordCodec();
  /**
   * The state last decoded per key, with the texts it was decoded from: reused while Redis holds
   * the same texts, so that a pass over unchanged targets decodes no JSON (most of the cost of
   * reading 1 000 states). Records are immutable; one entry per target read.
   */
  private final Map<String, Decoded> decoded = new ConcurrentHashMap<>();

  private record Decoded(String good, String failed, TargetState state) {
    boolean from(String goodText, String failedText) {
      return Objects.equals(good, goodText) && Objects.equals(failed, failedText);
    }
  }

  private final String holder;

  private RedisStateStore(RedisConnection redis, String holder) {
    this.redis = redis;
    this.holder = holder;
  }

  /**
   * A store on the Redis of {@code redisUrl}, with up to 16 pooled connections. Connects lazily:
   * a Redis that is down now is reported by the first call, not here.
   *
   * @param redisUrl {@code redis://[[user]:password@]host[:port][/db]}, {@code rediss://...}, or
   *     {@code host[:port]}
   * @param timeout for connecting, for each answer, and for waiting for a free connection
   * @throws IllegalArgumentException when the URL is not one of these forms (the message never
   *     repeats a password)
   */
  public static RedisStateStore connect(String redisUrl, Duration timeout) {
    return connect(redisUrl, timeout, 16);
  }

  /**
   * Reads a {@code REDIS_URL} the way {@link #connect(String, Duration)} does, without
   * connecting: for a configuration checked before anything starts.
   *
   * @return the URL with its scheme ({@code redis://} before a bare {@code host[:port]})
   * @throws IllegalArgumentException saying what is wrong (the message never repeats a password)
   */
  public static String checkedUrl(String redisUrl) {
    RedisAddress.parse(redisUrl);
    String value = redisUrl.strip();
    return value.contains("://") ? value : "redis://" + value;
  }

  /** As {@link #connect(String, Duration)}, with at most {@code maxConnections} connections. */
  public static RedisStateStore connect(String redisUrl, Duration timeout, int maxConnections) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the Redis timeout must be positive, got " + timeout);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("the Redis pool needs at least 1 connection, got " + maxConnections);
    }
    return new RedisStateStore(new RedisConnection(RedisAddress.parse(redisUrl), timeout, maxConnections), "");
  }

  /**
   * The same store, whose leases say that {@code runner} holds them, so that a runner refused a
   * lease can tell who has it ({@link #leaseHolder}). Shares this store's connections.
   */
  public RedisStateStore as(String runner) {
    Objects.requireNonNull(runner, "runner");
    return new RedisStateStore(redis, runner.strip());
  }

  @Override
  public String describe() {
    return "Redis";
  }

  @Override
  public TargetState read(TargetKey target) throws PortException {
    String key = KeyScheme.target(target);
    String attempted = "reading the state of " + describe(target);
    List<String> fields = redis.call(attempted, jedis -> jedis.hmget(key, KeyScheme.GOOD, KeyScheme.FAILED));
    try {
      return state(key, fields);
    } catch (RecordCodec.MalformedRecordException e) {
      throw new RefusedException(attempted + " in Redis at " + redis.address() + ": key " + key + " holds "
          + e.getMessage() + "; forget the target to start afresh", e);
    }
  }

  /**
   * One pipelined HMGET per target, sent in one go: a pass over 1 000 targets costs one round
   * trip instead of 1 000. A target whose record cannot be decoded is left out, for its own
   * {@link #read} to report.
   */
  @Override
  public Map<TargetKey, TargetState> readAll(Collection<TargetKey> targets) throws PortException {
    List<TargetKey> keys = List.copyOf(targets);
    List<List<String>> answers = redis.call("reading the states of " + keys.size() + " targets", jedis -> {
      List<Response<List<String>>> responses = new ArrayList<>(keys.size());
      try (Pipeline pipeline = jedis.pipelined()) {
        for (TargetKey target : keys) {
          responses.add(pipeline.hmget(KeyScheme.target(target), KeyScheme.GOOD, KeyScheme.FAILED));
        }
        pipeline.sync();
      }
      List<List<String>> fields = new ArrayList<>(responses.size());
      for (Response<List<String>> response : responses) {
        fields.add(response.get());
      }
      return fields;
    });
    Map<TargetKey, TargetState> states = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      try {
        states.put(keys.get(i), state(KeyScheme.target(keys.get(i)), answers.get(i)));
      } catch (RecordCodec.MalformedRecordException e) {
        // left out: read() names the key and what is wrong with it
      }
    }
    return states;
  }

  /** The state from the GOOD and FAILED fields of a target's hash, as HMGET answers them. */
  private TargetState state(String key, List<String> fields) throws RecordCodec.MalformedRecordException {
    String goodText = fields.get(0);
    String failedText = fields.get(1);
    Decoded last = decoded.get(key);
    if (last != null && last.from(goodText, failedText)) {
      return last.state();
    }
    Optional<DeployRecord> good = goodText == null ? Optional.empty() : Optional.of(codec.readDeploy(goodText));
    Optional<FailureRecord> failed = failedText == null ? Optional.empty() : Optional.of(codec.readFailure(failedText));
    TargetState state = new TargetState(good, failed);
    decoded.put(key, new Decoded(goodText, failedText, state));
    return state;
  }

  @Override
  public void recordSuccess(TargetKey target, DeployRecord record) throws PortException {
    Objects.requireNonNull(record, "record");
    String key = KeyScheme.target(target);
    String json = codec.write(record);
    redis.call("recording a deploy of " + describe(target), jedis -> {
      // One transaction, so a reader never sees the new good deploy beside the old failure.
      try (Transaction tx = jedis.multi()) {
        tx.hset(key, KeyScheme.GOOD, json);
        tx.hdel(key, KeyScheme.FAILED);
        tx.exec();
      }
      return null;
    });
  }

  @Override
  public void recordFailure(TargetKey target, FailureRecord record) throws PortException {
    Objects.requireNonNull(record, "record");
    String key = KeyScheme.target(target);
    String json = codec.write(record);
    redis.call("recording a failed deploy of " + describe(target), jedis -> jedis.hset(key, KeyScheme.FAILED, json));
  }

  @Override
  public boolean forget(TargetKey target) throws PortException {
    String key = KeyScheme.target(target);
    decoded.remove(key);
    return redis.call("forgetting the state of " + describe(target), jedis -> jedis.del(key) > 0);
  }

  @Override
  public int forgetCluster(String group, String cluster) throws PortException {
    String start = KeyScheme.targetsOfCluster(group, cluster);
    long forgotten = redis.call("forgetting the state of cluster " + cluster + " (group " + group + ")",
        jedis -> deleteScanned(jedis, start, key -> true));
    return Math.toIntExact(forgotten);
  }

  @Override
  public long count(String group) throws PortException {
    String pattern = KeyScheme.startingWith(KeyScheme.targetsOfGroup(group));
    return redis.call("counting the targets of group " + group, jedis -> {
      long count = 0;
      String cursor = ScanParams.SCAN_POINTER_START;
      ScanParams params = new ScanParams().match(pattern).count(SCAN_BATCH);
      do {
        ScanResult<String> page = jedis.scan(cursor, params);
        count += page.getResult().size();
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      return count;
    });
  }

  @Override
  public Set<String> recordedStackPaths(String group, String cluster) throws PortException {
    String start = KeyScheme.targetsOfCluster(group, cluster);
    return redis.call("listing the targets of cluster " + cluster + " (group " + group + ")", jedis -> {
      Set<String> paths = new TreeSet<>();
      String cursor = ScanParams.SCAN_POINTER_START;
      ScanParams params = new ScanParams().match(KeyScheme.startingWith(start)).count(SCAN_BATCH);
      do {
        ScanResult<String> page = jedis.scan(cursor, params);
        page.getResult().forEach(key -> paths.add(key.substring(start.length())));
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      return Set.copyOf(paths);
    });
  }

  @Override
  public Optional<Instant> errorReported(ErrorMark mark) throws PortException {
    String key = KeyScheme.error(mark);
    String attempted = "reading the error mark of " + describe(mark);
    String value = redis.call(attempted, jedis -> jedis.get(key));
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      throw new RefusedException(attempted + " in Redis at " + redis.address() + ": key " + key
          + " holds \"" + value + "\", not an ISO-8601 instant", e);
    }
  }

  @Override
  public void markErrorReported(ErrorMark mark, Instant at, Duration ttl) throws PortException {
    Objects.requireNonNull(at, "at");
    long millis = positiveMillis(ttl, "error mark TTL");
    String key = KeyScheme.error(mark);
    redis.call("marking the error of " + describe(mark) + " as reported",
        jedis -> jedis.set(key, at.toString(), SetParams.setParams().px(millis)));
  }

  @Override
  public void clearErrorMarks(TargetKey target) throws PortException {
    String start = KeyScheme.errorsOfCluster(target.group(), target.cluster());
    Predicate<String> ofTarget = key ->
        KeyScheme.stackPathOfError(target.group(), target.cluster(), key).filter(target.stackPath()::equals).isPresent();
    redis.call("clearing the error marks of " + describe(target), jedis -> deleteScanned(jedis, start, ofTarget));
  }

  @Override
  public Optional<Lease> tryLease(TargetKey target, Duration ttl) throws PortException {
    long millis = positiveMillis(ttl, "lease TTL");
    String key = KeyScheme.lease(target);
    String token = LeaseValue.of(newToken(), Instant.now(), holder);
    String answer = redis.call("taking the lease on " + describe(target),
        jedis -> jedis.set(key, token, SetParams.setParams().nx().px(millis)));
    return "OK".equals(answer) ? Optional.of(new Lease(target, token)) : Optional.empty();
  }

  @Override
  public Optional<LeaseHolder> leaseHolder(TargetKey target) throws PortException {
    String value = redis.call("reading the holder of the lease on " + describe(target), jedis -> jedis.get(KeyScheme.lease(target)));
    return Optional.ofNullable(value).map(LeaseValue::holder);
  }

  @Override
  public boolean renew(Lease lease, Duration ttl) throws PortException {
    long millis = positiveMillis(ttl, "lease TTL");
    String key = KeyScheme.lease(lease.target());
    Object answer = redis.call("renewing the lease on " + describe(lease.target()),
        jedis -> jedis.eval(LeaseScripts.RENEW, List.of(key), List.of(lease.token(), Long.toString(millis))));
    return Long.valueOf(1).equals(answer);
  }

  @Override
  public void release(Lease lease) throws PortException {
    String key = KeyScheme.lease(lease.target());
    redis.call("releasing the lease on " + describe(lease.target()),
        jedis -> jedis.eval(LeaseScripts.RELEASE, List.of(key), List.of(lease.token())));
  }

  /** Closes the pooled connections. */
  @Override
  public void close() {
    redis.close();
  }

  /** Deletes every key starting with {@code start} that {@code which} accepts, scanning in batches. */
  private static long deleteScanned(Jedis jedis, String start, Predicate<String> which) {
    long deleted = 0;
    String cursor = ScanParams.SCAN_POINTER_START;
    ScanParams params = new ScanParams().match(KeyScheme.startingWith(start)).count(SCAN_BATCH);
    do {
      ScanResult<String> page = jedis.scan(cursor, params);
      List<String> keys = new ArrayList<>();
      for (String key : page.getResult()) {
        if (which.test(key)) {
          keys.add(key);
        }
      }
      if (!keys.isEmpty()) {
        deleted += jedis.del(keys.toArray(String[]::new));
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return deleted;
  }

  private static String newToken() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static long positiveMillis(Duration ttl, String what) {
    Objects.requireNonNull(ttl, what);
    if (ttl.toMillis() < 1) {
      throw new IllegalArgumentException("the " + what + " must be at least 1 ms, got " + ttl);
    }
    return ttl.toMillis();
  }

  private static String describe(TargetKey target) {
    return target.cluster() + "/" + target.stackPath() + " (group " + target.group() + ")";
  }

  private static String describe(ErrorMark mark) {
    return describe(mark.target()) + " in step " + mark.step();
  }
}
