package se.kth.aspen.core.compose;

import java.util.Optional;

/**
 * One published port (a range in the short form becomes one {@code PortSpec} per port).
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param mode {@code ingress} or {@code host}
 * @param hostIp the host address written in the short form; Swarm cannot honour it
 */
public record PortSpec(
    int target, Optional<Integer> published, String protocol, String mode, Optional<String> hostIp) {}
