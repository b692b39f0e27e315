/**
 * Docker Swarm through the Engine API: {@link se.kth.aspen.swarm.SwarmOrchestrator} deploys a
 * parsed stack as {@code docker stack deploy --with-registry-auth} would (the same service specs,
 * built as raw JSON so that no field is lost), waits for convergence, reads what runs and rolls
 * stacks back. Everything but the orchestrator and its {@link se.kth.aspen.swarm.SwarmSettings} is
 * package-private. The registry client and the cluster directory live in the sub-packages.
 */
package se.kth.aspen.swarm;
