package se.kth.aspen.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.state.WriteFailureContract;

/** The Redis store while a redis-server of the test's own is stopped, then started again on its data. */
class RedisWriteFailureIT extends WriteFailureContract {

  @TempDir Path data;
  private OwnRedis redis;
  private final List<RedisStateStore> stores = new ArrayList<>();

  @Override
  protected StateStore newStore() {
    redis = OwnRedis.startPersistent(data);
    return reopen();
  }

  @Override
  protected StateStore reopen() {
    RedisStateStore store = RedisStateStore.connect(redis.url(), Duration.ofSeconds(1));
    stores.add(store);
    return store;
  }

  @Override
  protected void breakWrites() {
    redis.kill();
  }

  @Override
  protected void repairWrites() {
    redis.startAgain();
  }

  @Override
  protected void cleanUp() {
    stores.forEach(RedisStateStore::close);
    if (redis != null) {
      redis.close();
    }
  }
}
