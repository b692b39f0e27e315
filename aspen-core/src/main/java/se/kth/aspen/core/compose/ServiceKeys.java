package se.kth.aspen.core.compose;

import java.util.Map;
import java.util.Set;

/** Which service keys Aspen reads, which Swarm ignores (a warning) and which are refused (an error). */
final class ServiceKeys {

  private ServiceKeys() {}

  static final Set<String> READ = Set.of("image", "command", "entrypoint", "environment", "env_file", "labels",
      "deploy", "logging", "ports", "volumes", "networks", "secrets", "configs", "healthcheck", "user",
      "working_dir", "hostname", "extra_hosts", "dns", "dns_search", "stop_grace_period", "stop_signal", "init",
      "cap_add", "cap_drop", "sysctls", "ulimits", "read_only", "tty", "stdin_open", "restart", "depends_on");

  /** Keys the CLI warns about as unsupported and drops (restart still stands in for a missing restart_policy). */
  static final Set<String> UNSUPPORTED = Set.of("build", "cgroupns_mode", "cgroup_parent", "devices", "domainname",
      "external_links", "ipc", "links", "mac_address", "network_mode", "pid", "privileged", "restart",
      "security_opt", "shm_size", "userns_mode");

  /** Keys the CLI warns about as deprecated and drops. */
  static final Set<String> DEPRECATED = Set.of("container_name", "expose");

  /** Valid Compose keys that Swarm (or Aspen) does not use; dropped without a word, as the CLI does. */
  static final Set<String> DROPPED = Set.of("tmpfs", "credential_spec", "isolation");

  /** Keys that make the CLI refuse the whole file, with the reason to give. */
  static final Map<String, String> REFUSED = Map.of(
      "extends", "extends is not supported by docker stack deploy",
      "volume_driver", "define the volume's driver in the top-level volumes instead",
      "volumes_from", "share a volume by declaring it in the top-level volumes and mounting it in each service",
      "cpu_quota", "set resource limits with deploy.resources",
      "cpu_shares", "set resource limits with deploy.resources",
      "cpuset", "set resource limits with deploy.resources",
      "mem_limit", "set resource limits with deploy.resources",
      "memswap_limit", "set resource limits with deploy.resources");
}
