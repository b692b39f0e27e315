package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What converting one service needs beyond its compose description: values looked up on the
 * engine or in the registry, or resolved by the core in the request, before the spec can be written.
 *
 * @param image the image to run, tagged and, when resolved, pinned to a digest
 * @param platforms {@code Placement.Platforms} from digest resolution, empty when not resolved
 * @param env the final {@code Env}, sorted
 * @param secrets {@code ContainerSpec.Secrets}, the vaulted bind files included
 * @param configs {@code ContainerSpec.Configs}
 * @param replacedBinds targets of bind mounts delivered as secrets instead
 * @param forceUpdate the current service's {@code ForceUpdate}, 0 on create
 * @param networkNames each network key to the name it has on the engine
 * @param volumeNames each volume key to the name it has on the engine
 * @param hostPaths each bind source not written as an absolute path, to its path on the host
 */
record ServiceInputs(
    String image,
    ArrayNode platforms,
    List<String> env,
    List<ObjectNode> secrets,
    List<ObjectNode> configs,
    Set<String> replacedBinds,
    long forceUpdate,
    Map<String, String> networkNames,
    Map<String, String> volumeNames,
    Map<String, String> hostPaths) {}
