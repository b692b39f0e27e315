package se.kth.aspen.redis;

/**
 * Lua run atomically by Redis, so that only the holder of a lease's token extends or frees it:
 * between reading the token and acting on the key, no other client can take the lease.
 */
final class LeaseScripts {

  private LeaseScripts() {}

  /** KEYS[1] the lease, ARGV[1] the token, ARGV[2] the new TTL in ms; 1 when extended. */
  static final String RENEW = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        return redis.call('PEXPIRE', KEYS[1], ARGV[2])
      end
      return 0
      """;

  /** KEYS[1] the lease, ARGV[1] the token; 1 when deleted. */
  static final String RELEASE = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        return redis.call('DEL', KEYS[1])
      end
      return 0
      """;
}
