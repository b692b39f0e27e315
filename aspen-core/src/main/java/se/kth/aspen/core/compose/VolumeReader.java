package se.kth.aspen.core.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A service's {@code volumes}: the short form {@code [SOURCE:]TARGET[:OPTIONS]} (a source starting
 * with {@code /}, {@code .} or {@code ~} is a bind, another source a named volume, none an
 * anonymous volume) and the long form {@code {type, source, target, read_only, bind, volume, tmpfs}}.
 */
final class VolumeReader {

  private static final Set<String> PROPAGATIONS = Set.of("shared", "rshared", "slave", "rslave", "private", "rprivate");
  private static final Set<String> IGNORED_OPTIONS = Set.of("rw", "z", "Z", "consistent", "cached", "delegated");
  private static final Set<String> TYPES = Set.of("volume", "bind", "tmpfs", "npipe", "cluster");
  private static final Set<String> LONG_KEYS = Set.of("type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs");

  private VolumeReader() {}

  static List<VolumeMount> read(Block service) throws StackFileException {
    List<VolumeMount> mounts = new ArrayList<>();
    String path = service.child("volumes");
    for (YNode item : service.items("volumes")) {
      if (item instanceof YNode.Mapping mapping) {
        mounts.add(longForm(service.context.block(mapping, path + ".[]")));
      } else {
        String text = service.context.text(item, path + ".[]");
        try {
          mounts.add(shortForm(text));
        } catch (IllegalArgumentException e) {
          throw service.context.invalid(path, item.line(), "entry \"" + text + "\" " + e.getMessage());
        }
      }
    }
    return mounts;
  }

  static VolumeMount shortForm(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length > 3 || text.isBlank()) {
      throw new IllegalArgumentException("is not of the form [SOURCE:]TARGET[:OPTIONS]");
    }
    if (parts.length == 1) {
      return new VolumeMount("volume", Optional.empty(), absoluteTarget(parts[0]), false, Map.of());
    }
    String source = parts[0];
    if (source.isEmpty()) {
      throw new IllegalArgumentException("has an empty source");
    }
    boolean bind = source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
    boolean readOnly = false;
    Map<String, String> options = new LinkedHashMap<>();
    if (parts.length == 3) {
      for (String option : parts[2].split(",")) {
        if (option.equals("ro")) {
          readOnly = true;
        } else if (option.equals("nocopy") && !bind) {
          options.put("nocopy", "true");
        } else if (PROPAGATIONS.contains(option) && bind) {
          options.put("propagation", option);
        } else if (!IGNORED_OPTIONS.contains(option)) {
          throw new IllegalArgumentException("has an unknown option \"" + option + "\"");
        }
      }
    }
    return new VolumeMount(bind ? "bind" : "volume", Optional.of(source), absoluteTarget(parts[1]), readOnly, options);
  }

  private static String absoluteTarget(String target) {
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("has a target \"" + target + "\" that is not an absolute path");
    }
    return target;
  }

  private static VolumeMount longForm(Block mount) throws StackFileException {
    mount.allowOnly(LONG_KEYS);
    String type = mount.string("type").orElseThrow(() -> mount.context.invalid(mount.path, mount.line(), "needs a type"));
    if (!TYPES.contains(type)) {
      throw mount.context.invalid(mount.child("type"), mount.line("type"),
          "must be volume, bind or tmpfs, got \"" + type + "\"");
    }
    String target = mount.string("target").orElseThrow(() ->
        mount.context.invalid(mount.path, mount.line(), "needs a target"));
    Map<String, String> options = new LinkedHashMap<>();
    Optional<Block> bind = mount.block("bind");
    if (bind.isPresent()) {
      bind.get().allowOnly(Set.of("propagation", "create_host_path", "selinux"));
      bind.get().string("propagation").ifPresent(p -> options.put("propagation", p));
      bind.get().bool("create_host_path").ifPresent(b -> options.put("create_host_path", b.toString()));
    }
    Optional<Block> volume = mount.block("volume");
    if (volume.isPresent()) {
      volume.get().allowOnly(Set.of("nocopy", "subpath"));
      volume.get().bool("nocopy").ifPresent(b -> options.put("nocopy", b.toString()));
    }
    Optional<Block> tmpfs = mount.block("tmpfs");
    if (tmpfs.isPresent()) {
      tmpfs.get().allowOnly(Set.of("size", "mode"));
      tmpfs.get().converted("size", null, Units::memoryBytes).ifPresent(b -> options.put("tmpfs.size", b.toString()));
      tmpfs.get().string("mode").ifPresent(m -> options.put("tmpfs.mode", m));
    }
    return new VolumeMount(type, mount.string("source"), target, mount.bool("read_only").orElse(false), options);
  }
}
