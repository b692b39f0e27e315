package se.kth.aspen.core.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The top-level {@code networks}, {@code volumes}, {@code secrets} and {@code configs}. */
final class TopLevelReader {

  private TopLevelReader() {}

  static Map<String, NetworkSpec> networks(Block root) throws StackFileException {
    Map<String, NetworkSpec> out = new LinkedHashMap<>();
    for (Map.Entry<String, Block> entry : entries(root, "networks").entrySet()) {
      Block network = entry.getValue();
      network.allowOnly(Set.of("name", "external", "driver", "driver_opts", "internal", "attachable", "labels",
          "ipam", "enable_ipv6"));
      Optional<String> ipamDriver = Optional.empty();
      List<String> subnets = new ArrayList<>();
      Optional<Block> ipam = network.block("ipam");
      if (ipam.isPresent()) {
        ipam.get().allowOnly(Set.of("driver", "config"));
        ipamDriver = ipam.get().string("driver");
        for (YNode item : ipam.get().items("config")) {
          if (!(item instanceof YNode.Mapping mapping)) {
            throw root.context.invalid(ipam.get().child("config"), item.line(), "entries must be mappings such as {subnet: 10.0.0.0/24}");
          }
          Block config = root.context.block(mapping, ipam.get().child("config") + ".[]");
          config.allowOnly(Set.of("subnet", "gateway", "ip_range", "aux_addresses"));
          config.string("subnet").ifPresent(subnets::add);
        }
      }
      out.put(entry.getKey(), new NetworkSpec(externalName(network), external(network), network.string("driver"),
          network.stringMap("driver_opts"), network.bool("internal").orElse(false),
          network.bool("attachable").orElse(false), network.stringMap("labels"), ipamDriver, subnets));
    }
    return out;
  }

  static Map<String, VolumeSpec> volumes(Block root) throws StackFileException {
    Map<String, VolumeSpec> out = new LinkedHashMap<>();
    for (Map.Entry<String, Block> entry : entries(root, "volumes").entrySet()) {
      Block volume = entry.getValue();
      volume.allowOnly(Set.of("name", "external", "driver", "driver_opts", "labels"));
      out.put(entry.getKey(), new VolumeSpec(externalName(volume), external(volume), volume.string("driver"),
          volume.stringMap("driver_opts"), volume.stringMap("labels")));
    }
    return out;
  }

  static Map<String, FileObjectSpec> files(Block root, String key) throws StackFileException {
    Map<String, FileObjectSpec> out = new LinkedHashMap<>();
    for (Map.Entry<String, Block> entry : entries(root, key).entrySet()) {
      Block object = entry.getValue();
      object.allowOnly(Set.of("name", "external", "file", "labels", "template_driver", "driver", "driver_opts"));
      Optional<String> file = object.string("file");
      if (file.isPresent()) {
        try {
          ConfinedPath.check(file.get());
        } catch (PathEscapeException e) {
          throw object.context.error(object.child("file"), object.line("file"), object.child("file") + ": " + e.getMessage());
        }
      }
      boolean external = external(object);
      if (!external && file.isEmpty() && !object.has("driver")) {
        throw object.context.invalid(object.path, object.line(), "needs a file, or external: true");
      }
      out.put(entry.getKey(), new FileObjectSpec(externalName(object), external, file, object.stringMap("labels"),
          object.string("template_driver")));
    }
    return out;
  }

  /** Each entry of a top-level section; an entry written as nothing ({@code data:}) is empty. */
  private static Map<String, Block> entries(Block root, String key) throws StackFileException {
    Map<String, Block> out = new LinkedHashMap<>();
    Optional<Block> section = root.block(key);
    if (section.isEmpty()) {
      return out;
    }
    Block block = section.get();
    for (Map.Entry<String, YNode> entry : block.mapping.entries().entrySet()) {
      root.context.lines.put(block.child(entry.getKey()), block.line(entry.getKey()));
      Optional<Block> inner = block.block(entry.getKey());
      YNode.Mapping mapping = inner.map(b -> b.mapping).orElseGet(() ->
          new YNode.Mapping(new LinkedHashMap<>(), Map.of(), block.line(entry.getKey())));
      out.put(entry.getKey(), root.context.block(mapping, block.child(entry.getKey())));
    }
    return out;
  }

  /** {@code external: true}, or the old {@code external: {name: x}} form. */
  private static boolean external(Block object) throws StackFileException {
    if (object.mapping.get("external") instanceof YNode.Mapping) {
      return true;
    }
    return object.bool("external").orElse(false);
  }

  private static Optional<String> externalName(Block object) throws StackFileException {
    if (object.mapping.get("external") instanceof YNode.Mapping) {
      Block external = object.block("external").orElseThrow();
      external.allowOnly(Set.of("name"));
      Optional<String> name = external.string("name");
      if (name.isPresent()) {
        return name;
      }
    }
    return object.string("name");
  }
}
