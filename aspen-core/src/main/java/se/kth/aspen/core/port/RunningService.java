package se.kth.aspen.core.port;

import java.util.Optional;

/**
 * A service as it runs.
 *
 * @param name the service name without the stack prefix
 * @param image the image of its current spec, digest included when pinned
 * @param desiredReplicas for global services, the number of eligible nodes
 * @param updateState the update status ({@code completed}, {@code rollback_completed}...), if any
 */
public record RunningService(
    String name, String image, int desiredReplicas, int runningReplicas, Optional<String> updateState) {}
