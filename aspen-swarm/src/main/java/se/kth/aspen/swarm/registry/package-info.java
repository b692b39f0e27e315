/**
 * The tags and manifest digests of image repositories, over the Docker Registry HTTP API v2.
 *
 * <p>{@link se.kth.aspen.swarm.registry.DockerRegistry} is the adapter; {@link
 * se.kth.aspen.swarm.registry.Registries} says which registries are known, each with its {@link
 * se.kth.aspen.swarm.registry.RegistryLogin} (the module's one credential type, which the
 * orchestrator uses for {@code X-Registry-Auth} too). Inside, each
 * remote call has its own small class that knows its route, the answers it accepts and how to
 * describe itself in an error: {@code TagLister} (tags, page by page), {@code DigestChecker}
 * (manifest digest of a tag) and {@code TokenFetcher} (bearer token endpoint).
 * {@code RegistryTransport} carries the authentication (basic, bearer challenge, token reuse)
 * and turns transport failures into {@link se.kth.aspen.core.port.UnreachableException}.
 * A login is only ever sent to its own registry (and the token endpoint that registry names).
 */
package se.kth.aspen.swarm.registry;
