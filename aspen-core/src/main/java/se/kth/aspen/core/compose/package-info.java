/**
 * The Compose subset Swarm uses, as typed values: what a {@code docker-stack.yml} says once it
 * has been parsed safely and interpolated. Errors name the file, the line and the service.
 *
 * <p>Absent and empty are different in Compose ({@code command:} left out keeps the image's
 * command; {@code replicas} left out means 1), so optional scalars are {@link
 * java.util.Optional} and absent blocks are empty {@code Optional}s, never {@code null}.
 */
package se.kth.aspen.core.compose;
