/** StateStore adapter on Redis (Jedis), with leases. */
package se.kth.aspen.redis;
