package se.kth.aspen.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import se.kth.aspen.core.testenv.TestEnvironment;

/** The test environment's Redis, shared with other tests: each test works in its own group and removes its keys. */
final class SharedRedis {

  private SharedRedis() {}

  static String url() {
    return TestEnvironment.get().redisUrl();
  }

  static String uniqueGroup(String purpose) {
    return "it-redis-" + purpose + "-" + UUID.randomUUID();
  }

  /** Deletes every key of the group (records, error marks, leases). */
  static void removeGroup(String group) {
    RedisAddress address = RedisAddress.parse(url());
    try (Jedis jedis = new Jedis(address.host(), address.port())) {
      String cursor = ScanParams.SCAN_POINTER_START;
      ScanParams params = new ScanParams().match(KeyScheme.startingWith("aspen:" + group + ":")).count(1000);
      do {
        ScanResult<String> page = jedis.scan(cursor, params);
        List<String> keys = new ArrayList<>(page.getResult());
        if (!keys.isEmpty()) {
          jedis.del(keys.toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
  }

  /** A direct connection for looking at keys as an operator would with redis-cli. */
  static Jedis direct() {
    RedisAddress address = RedisAddress.parse(url());
    return new Jedis(address.host(), address.port());
  }
}
