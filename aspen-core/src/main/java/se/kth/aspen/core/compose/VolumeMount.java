package se.kth.aspen.core.compose;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of a service's {@code volumes}.
 *
 * @param type {@code volume}, {@code bind} or {@code tmpfs}
 * @param source a volume key, a host path as written ({@code ./conf/app.yml} stays relative; it
 *     is resolved against the stack file's directory), or empty for an anonymous volume
 * @param readOnly {@code :ro} or {@code read_only: true}
 * @param options the rest of the long form, as strings: {@code nocopy} ({@code true}/{@code false}),
 *     {@code propagation} ({@code rshared}...), {@code create_host_path}, {@code tmpfs.size} (in
 *     bytes), {@code tmpfs.mode} (as written)
 */
public record VolumeMount(
    String type, Optional<String> source, String target, boolean readOnly, Map<String, String> options) {

  public VolumeMount {
    options = Map.copyOf(options);
  }

  /** A bind mount whose source is relative to the stack file's directory. */
  public boolean relativeBind() {
    return type.equals("bind") && source.filter(s -> s.startsWith("./") || s.startsWith("../")).isPresent();
  }
}
