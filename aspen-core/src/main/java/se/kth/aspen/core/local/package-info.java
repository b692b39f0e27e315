/**
 * Adapters that need nothing outside the JVM: the registry as a plain directory and a fixed list
 * of clusters. The embedded state stores are in {@code se.kth.aspen.core.state}.
 */
package se.kth.aspen.core.local;
