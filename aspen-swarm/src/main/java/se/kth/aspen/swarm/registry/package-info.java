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
 * {@code RegistryTransport} carries the authentication (basic, bearer challenge, token reuse).
 * A login is only ever sent to its own registry (and the token endpoint that registry names).
 *
 * <p>Underneath, a small HTTP/1.1 client of Aspen's own: {@code RegistryHttp} sends one request
 * within the timeout and deadline and turns transport failures into {@link
 * se.kth.aspen.core.port.UnreachableException}s; {@code ConnectionPool} keeps connections alive
 * per {@code Origin}; {@code ConnectionOpener} opens them (TCP, and TLS for https with the
 * host name checked); {@code HttpConnection} carries one exchange at a time, written by {@code
 * RequestHead} and read by {@code ResponseReader} (through {@code ResponseInput}, which holds the
 * answer to its time, and {@code CappedBody}, which holds it to its size) into a {@code
 * RegistryResponse} with its {@code ResponseHeaders}.
 */
package se.kth.aspen.swarm.registry;
