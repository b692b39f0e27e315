package se.kth.aspen.core.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import se.kth.aspen.core.image.ImageReference;

/** One service of {@code services}, key by key. */
final class ServiceReader {

  private ServiceReader() {}

  static ServiceSpec read(Block service, String name, int line) throws StackFileException {
    checkKeys(service);
    return new ServiceSpec(
        name,
        line,
        image(service),
        words(service, "command"),
        words(service, "entrypoint"),
        service.nameValues("environment"),
        envFiles(service),
        service.stringMap("labels"),
        DeployReader.read(service),
        logging(service),
        PortReader.read(service),
        VolumeReader.read(service),
        networks(service),
        FileReferences.read(service, "secrets"),
        FileReferences.read(service, "configs"),
        HealthcheckReader.read(service),
        service.string("user"),
        service.string("working_dir"),
        service.string("hostname"),
        extraHosts(service),
        service.strings("dns"),
        service.strings("dns_search"),
        service.duration("stop_grace_period"),
        service.string("stop_signal"),
        service.bool("init"),
        service.strings("cap_add"),
        service.strings("cap_drop"),
        service.stringMap("sysctls"),
        ulimits(service),
        service.bool("read_only"),
        service.bool("tty"),
        service.bool("stdin_open"),
        service.string("restart"),
        DependsOnReader.read(service));
  }

  private static void checkKeys(Block service) throws StackFileException {
    List<String> refused = new ArrayList<>();
    int refusedLine = 0;
    for (String key : service.mapping.entries().keySet()) {
      int keyLine = service.line(key);
      service.context.lines.put(service.child(key), keyLine);
      String reason = ServiceKeys.REFUSED.get(key);
      if (reason != null) {
        refused.add(key + ": " + reason);
        refusedLine = refusedLine == 0 ? keyLine : refusedLine;
      } else if (key.equals("restart")) {
        service.context.warn(service.path, keyLine,
            "restart is not a Swarm option; it only stands in for deploy.restart_policy when that is absent");
      } else if (ServiceKeys.UNSUPPORTED.contains(key)) {
        service.context.warn(service.path, keyLine, key + " is not supported by Swarm and is ignored");
      } else if (ServiceKeys.DEPRECATED.contains(key)) {
        service.context.warn(service.path, keyLine, key + " is deprecated and ignored by Swarm");
      } else if (!ServiceKeys.READ.contains(key) && !ServiceKeys.DROPPED.contains(key) && !key.startsWith("x-")) {
        throw service.context.error(service.path, keyLine, "unknown key \"" + key + "\"");
      }
    }
    if (!refused.isEmpty()) {
      throw service.context.error(service.path, refusedLine,
          "the stack file contains options docker stack deploy refuses: " + String.join("; ", refused));
    }
  }

  private static String image(Block service) throws StackFileException {
    String at = service.child("image");
    int line = service.line("image");
    String image = service.string("image").orElseThrow(() ->
        service.context.error(service.path, service.line(), "image is missing"));
    if (image.isBlank()) {
      throw service.context.error(at, line, "image is empty (is the variable it is made of set?)");
    }
    if (image.endsWith(":")) {
      throw service.context.error(at, line, "image \"" + image + "\" has an empty tag (is the variable in its tag set?)");
    }
    ImageReference reference;
    try {
      reference = ImageReference.parse(image);
    } catch (IllegalArgumentException e) {
      throw service.context.error(at, line, e.getMessage());
    }
    if (reference.tag().isEmpty() && reference.digest().isEmpty()) {
      throw service.context.error(at, line, "image \"" + image + "\" has no tag; write the version to deploy "
          + "(an implicit :latest would not be redeployed when it moves)");
    }
    return image;
  }

  private static Optional<List<String>> words(Block service, String key) throws StackFileException {
    YNode node = service.mapping.get(key);
    if (node == null || node instanceof YNode.Scalar s && s.isNull()) {
      return Optional.empty();
    }
    if (node instanceof YNode.Sequence) {
      return Optional.of(service.strings(key));
    }
    String text = service.context.text(node, service.child(key));
    try {
      return Optional.of(ShellWords.split(text));
    } catch (IllegalArgumentException e) {
      throw service.context.invalid(service.child(key), node.line(), e.getMessage());
    }
  }

  private static List<String> envFiles(Block service) throws StackFileException {
    List<String> files = service.strings("env_file");
    for (String file : files) {
      try {
        ConfinedPath.check(file);
      } catch (PathEscapeException e) {
        throw service.context.error(service.child("env_file"), service.line("env_file"), "env_file: " + e.getMessage());
      }
      if (DecryptedSecrets.misplaced(file)) {
        throw service.context.error(service.child("env_file"), service.line("env_file"), DecryptedSecrets.misplacedReason(file));
      }
    }
    return files;
  }

  private static Optional<LoggingSpec> logging(Block service) throws StackFileException {
    Optional<Block> found = service.block("logging");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Block logging = found.get();
    logging.allowOnly(Set.of("driver", "options"));
    return Optional.of(new LoggingSpec(logging.string("driver"), logging.stringMap("options")));
  }

  private static List<NetworkAttachment> networks(Block service) throws StackFileException {
    YNode node = service.mapping.get("networks");
    List<NetworkAttachment> out = new ArrayList<>();
    if (node == null || node instanceof YNode.Scalar s && s.isNull()) {
      return out;
    }
    if (node instanceof YNode.Mapping) {
      Block networks = service.block("networks").orElseThrow();
      for (String network : networks.mapping.entries().keySet()) {
        service.context.lines.put(networks.child(network), networks.line(network));
        Optional<Block> options = networks.block(network);
        List<String> aliases = List.of();
        if (options.isPresent()) {
          options.get().allowOnly(Set.of("aliases", "ipv4_address", "ipv6_address", "priority"));
          aliases = options.get().strings("aliases");
        }
        out.add(new NetworkAttachment(network, aliases));
      }
      return out;
    }
    for (String network : service.strings("networks")) {
      out.add(new NetworkAttachment(network, List.of()));
    }
    return out;
  }

  /**
   * {@code extra_hosts} as {@code docker stack deploy} reads it. A list entry with a {@code :} (or
   * {@code =}, which newer CLIs take too) is kept as written; one with neither, such as a bare name
   * or an empty entry, is dropped with a warning, where the CLI drops it without a word. The map
   * form becomes {@code HOST:IP} entries sorted as text, as the CLI sorts them; a host without an
   * address is dropped with a warning.
   */
  private static List<String> extraHosts(Block service) throws StackFileException {
    YNode node = service.mapping.get("extra_hosts");
    String at = service.child("extra_hosts");
    List<String> hosts = new ArrayList<>();
    if (node instanceof YNode.Mapping mapping) {
      for (Map.Entry<String, Optional<String>> host : service.nameValues("extra_hosts").entrySet()) {
        if (host.getValue().isEmpty()) {
          service.context.warn(at, mapping.keyLine(host.getKey()), "extra_hosts: \"" + host.getKey()
              + "\" has no address and is dropped, as docker stack deploy drops it");
        } else {
          hosts.add(host.getKey() + ":" + host.getValue().get());
        }
      }
      hosts.sort(null);
      return hosts;
    }
    List<YNode> items = node instanceof YNode.Sequence sequence ? sequence.items()
        : node == null || node instanceof YNode.Scalar s && s.isNull() ? List.of() : List.of(node);
    for (YNode item : items) {
      String host = service.context.text(item, at);
      if (host.indexOf(':') < 0 && host.indexOf('=') < 0) {
        service.context.warn(at, item.line(), "extra_hosts entry \"" + host
            + "\" is not HOST:IP and is dropped, as docker stack deploy drops it");
      } else {
        hosts.add(host);
      }
    }
    return hosts;
  }

  private static List<Ulimit> ulimits(Block service) throws StackFileException {
    Optional<Block> found = service.block("ulimits");
    if (found.isEmpty()) {
      return List.of();
    }
    Block ulimits = found.get();
    Map<String, Ulimit> byName = new TreeMap<>();
    for (Map.Entry<String, YNode> entry : ulimits.mapping.entries().entrySet()) {
      String name = entry.getKey();
      ulimits.context.lines.put(ulimits.child(name), ulimits.line(name));
      if (entry.getValue() instanceof YNode.Mapping) {
        Block limit = ulimits.block(name).orElseThrow();
        limit.allowOnly(Set.of("soft", "hard"));
        long soft = limit.longNumber("soft").orElseThrow(() ->
            limit.context.invalid(limit.path, limit.line(), "needs soft and hard"));
        long hard = limit.longNumber("hard").orElseThrow(() ->
            limit.context.invalid(limit.path, limit.line(), "needs soft and hard"));
        byName.put(name, new Ulimit(name, soft, hard));
      } else {
        long both = ulimits.longNumber(name).orElseThrow(() ->
            ulimits.context.invalid(ulimits.child(name), ulimits.line(name), "must be a number or {soft, hard}"));
        byName.put(name, new Ulimit(name, both, both));
      }
    }
    return List.copyOf(byName.values());
  }
}
