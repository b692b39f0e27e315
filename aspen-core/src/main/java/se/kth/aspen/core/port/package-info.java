/**
 * The ports: what the pass needs from the world, as small interfaces over domain records.
 *
 * <p>Adapters implement them in their own modules (git, vault, swarm, notify, redis); this
 * package names no library type. Every call that may touch the network takes a {@link
 * se.kth.aspen.core.port.Deadline} and fails with a {@link se.kth.aspen.core.port.PortException}
 * whose message says what was attempted and why it failed, in words a user can act on:
 * {@link se.kth.aspen.core.port.UnreachableException} when the counterpart could not be asked
 * (nothing changed, try again next pass), {@link se.kth.aspen.core.port.RefusedException} when
 * it answered no.
 */
package se.kth.aspen.core.port;
