/**
 * StateStore adapter on Redis (Jedis): what Aspen remembers between passes, shared by every
 * runner that points at the same Redis.
 *
 * <p>{@link se.kth.aspen.redis.RedisStateStore} is the only public type. It keeps, per
 * (management group, cluster, stack path), the last good and the last failed deploy; error
 * de-duplication marks and leases as expiring keys; and it backs the runner's cache endpoints
 * (forget a target, forget a cluster, count). The key scheme is in the module's README.md. When
 * Redis is down, every call fails with an {@link se.kth.aspen.core.port.UnreachableException}
 * within the configured timeout; the connection pool recovers by itself.
 */
package se.kth.aspen.redis;
