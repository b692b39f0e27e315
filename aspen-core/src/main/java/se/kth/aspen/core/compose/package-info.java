/**
 * The Compose subset Swarm uses, as typed values: what a {@code docker-stack.yml} says once it
 * has been parsed safely and interpolated. Errors name the file, the line and the service.
 *
 * <p>{@link se.kth.aspen.core.compose.StackReader} is the entry: {@code parse} reads the file
 * safely (bounded by {@link se.kth.aspen.core.compose.ReadLimits}) and finds the
 * {@link se.kth.aspen.core.compose.VersionRequest}s; {@code model} interpolates and builds the
 * {@link se.kth.aspen.core.compose.StackModel}. {@link se.kth.aspen.core.compose.ConfinedPath}
 * keeps paths written in a stack file inside its directory.
 *
 * <p>Absent and empty are different in Compose ({@code command:} left out keeps the image's
 * command; {@code replicas} left out means 1), so optional scalars are {@link
 * java.util.Optional} and absent blocks are empty {@code Optional}s, never {@code null}.
 */
package se.kth.aspen.core.compose;
