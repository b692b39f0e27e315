/**
 * The deploy request made complete: {@link se.kth.aspen.core.request.StackInputs} reads what a
 * stack names from its directory (env files parsed once, secret and config contents, the host
 * path of each bind source) and, with the decrypted secrets, gives the {@link
 * se.kth.aspen.core.port.DeployRequest} an orchestrator applies without opening a file. Each
 * service's environment is assembled here, by the rules of {@code docker stack deploy}.
 */
package se.kth.aspen.core.request;
