package se.kth.aspen.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.Lease;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

/**
 * One state store call against a real Redis on loopback, through the connection pool. The server is
 * {@code -Daspen.redis.url} (default: the test environment's {@code redis://127.0.0.1:6390}); the
 * benchmark works in its own group and removes it afterwards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedisStateStoreBenchmark {

  private static final DeployRecord GOOD = new DeployRecord("9c1f0e", Instant.parse("2026-01-01T10:00:00Z"),
      Map.of("web", "127.0.0.1:5000/busybox:1.2.3_def", "worker", "127.0.0.1:5000/busybox:1.2.3_def"), "3b01b96");

  private String url;
  private String group;
  private TargetKey target;
  private RedisStateStore store;

  @Setup
  public void connect() throws PortException {
    url = System.getProperty("aspen.redis.url", "redis://127.0.0.1:6390");
    group = "bench-redis-" + UUID.randomUUID();
    target = new TargetKey(group, "active", "team/app/active/docker-stack.yml");
    store = RedisStateStore.connect(url, Duration.ofSeconds(2));
    store.recordSuccess(target, GOOD);
  }

  @TearDown
  public void removeGroup() throws PortException {
    store.forgetCluster(group, "active");
    store.close();
  }

  @Benchmark
  public TargetState read() throws PortException {
    return store.read(target);
  }

  @Benchmark
  public TargetKey recordSuccess() throws PortException {
    store.recordSuccess(target, GOOD);
    return target;
  }

  @Benchmark
  public boolean leaseTakenAndReleased() throws PortException {
    Lease lease = store.tryLease(target, Duration.ofSeconds(30)).orElseThrow();
    store.release(lease);
    return true;
  }
}
