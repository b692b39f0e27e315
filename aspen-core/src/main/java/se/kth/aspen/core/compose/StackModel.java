package se.kth.aspen.core.compose;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * A stack file after parsing and interpolation.
 *
 * @param file the stack file's path as shown in messages (relative to the registry root)
 * @param services by name, in file order
 * @param networks top-level networks, by key
 * @param volumes top-level volumes, by key
 * @param secrets top-level secrets, by key
 * @param configs top-level configs, by key
 * @param warnings keys Swarm ignores and other things worth saying that do not stop a deploy
 */
public record StackModel(
    String file,
    SequencedMap<String, ServiceSpec> services,
    Map<String, NetworkSpec> networks,
    Map<String, VolumeSpec> volumes,
    Map<String, FileObjectSpec> secrets,
    Map<String, FileObjectSpec> configs,
    List<StackWarning> warnings) {

  public StackModel {
    Objects.requireNonNull(file, "file");
    services = Immutable.orderedCopy(services);
    networks = Map.copyOf(networks);
    volumes = Map.copyOf(volumes);
    secrets = Map.copyOf(secrets);
    configs = Map.copyOf(configs);
    warnings = List.copyOf(warnings);
  }
}
