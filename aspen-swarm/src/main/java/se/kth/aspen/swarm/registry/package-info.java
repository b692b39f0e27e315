/**
 * The tags and manifest digests of image repositories, over the Docker Registry HTTP API v2.
 *
 * <p>{@link se.kth.aspen.swarm.registry.DockerRegistry} is the only public type. Inside, each
 * remote call has its own small class that knows its route, the answers it accepts and how to
 * describe itself in an error: {@code TagLister} (tags, page by page), {@code DigestChecker}
 * (manifest digest of a tag) and {@code TokenFetcher} (bearer token endpoint).
 * {@code RegistryTransport} carries the authentication (basic, bearer challenge, token reuse)
 * and turns transport failures into {@link se.kth.aspen.core.port.UnreachableException}.
 * Credentials are only ever sent to the configured registry (and the token endpoint it names).
 */
package se.kth.aspen.swarm.registry;
