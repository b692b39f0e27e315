package se.kth.aspen.swarm;

import static se.kth.aspen.swarm.SpecValues.NODES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.VolumeMount;
import se.kth.aspen.core.compose.VolumeSpec;

/** A service's {@code ContainerSpec.Mounts}, as the CLI writes them. */
final class MountsJson {

  private static final Set<String> VOLUME_OPTIONS = Set.of("nocopy", "volume.nocopy");
  private static final Set<String> BIND_OPTIONS = Set.of("propagation", "bind.propagation");
  private static final Set<String> TMPFS_OPTIONS = Set.of("size", "tmpfs.size", "mode", "tmpfs.mode");

  private final StackModel model;
  private final StackNames names;
  private final Map<String, String> hostPaths;
  private final Set<String> replacedBinds;

  MountsJson(StackModel model, StackNames names, Map<String, String> hostPaths, Set<String> replacedBinds) {
    this.model = model;
    this.names = names;
    this.hostPaths = hostPaths;
    this.replacedBinds = replacedBinds;
  }

  ArrayNode of(ServiceSpec service) throws UnsupportedSpecException {
    ArrayNode mounts = NODES.arrayNode();
    for (VolumeMount mount : service.volumes()) {
      if (replacedBinds.contains(mount.target())) {
        continue;
      }
      mounts.add(switch (mount.type()) {
        case "volume" -> volume(service, mount);
        case "bind" -> bind(service, mount);
        case "tmpfs" -> tmpfs(service, mount);
        default -> throw new UnsupportedSpecException(
            service.name(), "volume type \"" + mount.type() + "\" (" + mount.target() + ") is not supported by Swarm");
      });
    }
    return mounts;
  }

  private ObjectNode base(String type, VolumeMount mount) {
    ObjectNode node = NODES.objectNode();
    node.put("Type", type);
    return node;
  }

  private ObjectNode volume(ServiceSpec service, VolumeMount mount) throws UnsupportedSpecException {
    checkOptions(service, mount, VOLUME_OPTIONS);
    ObjectNode node = base("volume", mount);
    if (mount.source().isEmpty()) {
      node.put("Target", mount.target());
      readOnly(node, mount);
      return node;
    }
    String key = mount.source().get();
    VolumeSpec volume = model.volumes().get(key);
    if (volume == null) {
      throw new UnsupportedSpecException(service.name(), "undefined volume \"" + key + "\"");
    }
    node.put("Source", names.object(key, volume.name(), volume.external()));
    node.put("Target", mount.target());
    readOnly(node, mount);
    ObjectNode options = NODES.objectNode();
    if (flag(mount, "nocopy")) {
      options.put("NoCopy", true);
    }
    if (!volume.external()) {
      options.set("Labels", SpecValues.labels(volume.labels(), names.stack()));
      volume.driver().ifPresent(driver -> {
        ObjectNode config = options.putObject("DriverConfig");
        config.put("Name", driver);
        SpecValues.putMap(config, "Options", volume.driverOpts());
      });
    }
    if (!options.isEmpty()) {
      node.set("VolumeOptions", options);
    }
    return node;
  }

  private ObjectNode bind(ServiceSpec service, VolumeMount mount) throws UnsupportedSpecException {
    checkOptions(service, mount, BIND_OPTIONS);
    String source = mount.source().orElseThrow(
        () -> new UnsupportedSpecException(service.name(), "bind mount " + mount.target() + " has no source"));
    ObjectNode node = base("bind", mount);
    String hostPath = source.startsWith("/") ? source : hostPaths.get(source);
    if (hostPath == null) {
      throw new UnsupportedSpecException(service.name(), "bind mount " + mount.target() + ": the request has no host path for \"" + source + "\"");
    }
    node.put("Source", hostPath);
    node.put("Target", mount.target());
    readOnly(node, mount);
    String propagation = option(mount, "propagation");
    if (propagation != null) {
      node.putObject("BindOptions").put("Propagation", propagation);
    }
    return node;
  }

  private ObjectNode tmpfs(ServiceSpec service, VolumeMount mount) throws UnsupportedSpecException {
    checkOptions(service, mount, TMPFS_OPTIONS);
    ObjectNode node = base("tmpfs", mount);
    node.put("Target", mount.target());
    readOnly(node, mount);
    String size = option(mount, "size");
    String mode = option(mount, "mode");
    ObjectNode options = SpecValues.NODES.objectNode();
    try {
      if (size != null) {
        options.put("SizeBytes", Long.parseLong(size));
      }
      if (mode != null) {
        options.put("Mode", Integer.parseInt(mode, 8));
      }
    } catch (NumberFormatException e) {
      throw new UnsupportedSpecException(service.name(), "tmpfs size or mode of " + mount.target() + " is not a number");
    }
    if (!options.isEmpty()) {
      node.set("TmpfsOptions", options);
    }
    return node;
  }

  private static void readOnly(ObjectNode node, VolumeMount mount) {
    if (mount.readOnly()) {
      node.put("ReadOnly", true);
    }
  }

  private static void checkOptions(ServiceSpec service, VolumeMount mount, Set<String> known)
      throws UnsupportedSpecException {
    for (String key : mount.options().keySet()) {
      if (!known.contains(key)) {
        throw new UnsupportedSpecException(service.name(),
            "volume option \"" + key + "\" of " + mount.target() + " is not supported for a " + mount.type() + " mount");
      }
    }
  }

  private static String option(VolumeMount mount, String name) {
    Map<String, String> options = new HashMap<>(mount.options());
    String value = options.get(name);
    return value != null ? value : options.get(mount.type() + "." + name);
  }

  private static boolean flag(VolumeMount mount, String name) {
    return "true".equalsIgnoreCase(option(mount, name));
  }
}
