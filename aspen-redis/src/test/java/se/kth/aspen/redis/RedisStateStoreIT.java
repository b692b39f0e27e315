package se.kth.aspen.redis;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.state.StateStoreContract;

/** The shared StateStore contract, against the test environment's real Redis. */
class RedisStateStoreIT extends StateStoreContract {

  private RedisStateStore redis;

  @Override
  protected StateStore newStore() {
    redis = RedisStateStore.connect(SharedRedis.url(), Duration.ofSeconds(2));
    return redis;
  }

  @AfterEach
  void removeKeysAndClose() {
    SharedRedis.removeGroup(group);
    SharedRedis.removeGroup(group + "-other");
    redis.close();
  }
}
