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
 * @param lines the 1-based line of every key read, by dotted path such as
 *     {@code services.web.deploy.resources.limits}; see {@link #line(String)}
 */
public record StackModel(
    String file,
    SequencedMap<String, ServiceSpec> services,
    Map<String, NetworkSpec> networks,
    Map<String, VolumeSpec> volumes,
    Map<String, FileObjectSpec> secrets,
    Map<String, FileObjectSpec> configs,
    List<StackWarning> warnings,
    Map<String, Integer> lines) {

  public StackModel {
    Objects.requireNonNull(file, "file");
    services = Immutable.orderedCopy(services);
    networks = Map.copyOf(networks);
    volumes = Map.copyOf(volumes);
    secrets = Map.copyOf(secrets);
    configs = Map.copyOf(configs);
    warnings = List.copyOf(warnings);
    lines = Map.copyOf(lines);
  }

  /** A model without line information (built by hand, e.g. in tests). */
  public StackModel(
      String file,
      SequencedMap<String, ServiceSpec> services,
      Map<String, NetworkSpec> networks,
      Map<String, VolumeSpec> volumes,
      Map<String, FileObjectSpec> secrets,
      Map<String, FileObjectSpec> configs,
      List<StackWarning> warnings) {
    this(file, services, networks, volumes, secrets, configs, warnings, Map.of());
  }

  /**
   * The line of the key at {@code path} ({@code services.web.deploy.replicas}) or, when it is not
   * written, of its nearest written parent, so that "X is missing" can point at where X belongs.
   *
   * @return the 1-based line, or 0 when nothing on the path is known
   */
  public int line(String path) {
    String at = path;
    while (true) {
      Integer line = lines.get(at);
      if (line != null) {
        return line;
      }
      int dot = at.lastIndexOf('.');
      if (dot < 0) {
        return 0;
      }
      at = at.substring(0, dot);
    }
  }
}
