package se.kth.aspen.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.port.Lease;
import se.kth.aspen.core.port.LeaseHolder;
import se.kth.aspen.core.port.TargetKey;

/** Two runners, each with its own store and pool, contend for one target's lease. */
class RedisLeaseIT {

  private static final int ROUNDS = 100;

  private final String group = SharedRedis.uniqueGroup("lease");
  private final TargetKey target = new TargetKey(group, "active", "team/app/active/docker-stack.yml");
  private final RedisStateStore first = RedisStateStore.connect(SharedRedis.url(), Duration.ofSeconds(2));
  private final RedisStateStore second = RedisStateStore.connect(SharedRedis.url(), Duration.ofSeconds(2));

  @AfterEach
  void removeKeys() {
    SharedRedis.removeGroup(group);
    first.close();
    second.close();
  }

  @Test
  void aRunnerRefusedALeaseLearnsWhichRunnerHoldsItAndSinceWhen() throws Exception {
    RedisStateStore aspen1 = first.as("aspen-1");
    RedisStateStore aspen2 = second.as("aspen-2");
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Lease held = aspen1.tryLease(target, Duration.ofSeconds(30)).orElseThrow();

    assertThat(aspen2.tryLease(target, Duration.ofSeconds(30))).isEmpty();
    LeaseHolder holder = aspen2.leaseHolder(target).orElseThrow();
    assertThat(holder.runner()).contains("aspen-1");
    assertThat(holder.since().orElseThrow()).isBetween(before, Instant.now());
    assertThat(aspen1.renew(held, Duration.ofSeconds(30))).as("the holder's renewals still match").isTrue();
    assertThat(aspen2.leaseHolder(target).orElseThrow()).as("renewing keeps who and since").isEqualTo(holder);

    aspen1.release(held);
    assertThat(aspen2.leaseHolder(target)).as("nobody once it is released").isEmpty();
  }

  @Test
  void twoStoresInParallelNeverHoldTheSameLeaseAtOnce() throws Exception {
    AtomicInteger holders = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger refusals = new AtomicInteger();
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (RedisStateStore store : List.of(first, second)) {
        runs.add(threads.submit(() -> {
          int held = 0;
          for (int round = 0; round < ROUNDS; round++) {
            together.await();
            Optional<Lease> lease;
            while ((lease = store.tryLease(target, Duration.ofSeconds(30))).isEmpty()) {
              refusals.incrementAndGet();
            }
            if (holders.incrementAndGet() != 1) {
              overlaps.incrementAndGet();
            }
            // Work while holding it: the other store keeps trying meanwhile.
            assertThat(store.renew(lease.get(), Duration.ofSeconds(30))).isTrue();
            holders.decrementAndGet();
            store.release(lease.get());
            held++;
          }
          return held;
        }));
      }
      for (Future<Integer> run : runs) {
        assertThat(run.get()).isEqualTo(ROUNDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(overlaps.get()).isZero();
    assertThat(refusals.get()).as("the stores contended").isPositive();
    assertThat(first.tryLease(target, Duration.ofSeconds(30))).as("every lease was given back").isPresent();
  }

  @Test
  void eachLeaseHasItsOwnToken() throws Exception {
    Lease a = first.tryLease(target, Duration.ofSeconds(30)).orElseThrow();
    first.release(a);
    Lease b = second.tryLease(target, Duration.ofSeconds(30)).orElseThrow();

    assertThat(a.token()).isNotEqualTo(b.token());
    first.release(a);
    assertThat(first.tryLease(target, Duration.ofSeconds(30))).as("a stale token released nothing").isEmpty();
  }
}
