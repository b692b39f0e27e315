package se.kth.aspen.core.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.TreeSet;
import java.util.function.Function;
import se.kth.aspen.core.compose.DeploySpec;
import se.kth.aspen.core.compose.ServiceSpec;

/**
 * Compares one service's two sides field by field: the fields a reviewer asks about first
 * (image, environment, replicas, resources, labels, networks, ports, mounts, configs,
 * secrets), then every other field of the spec, so that no difference goes unsaid.
 */
final class ServiceComparison {

  /** A service's side: its spec, the image it would run (tag and digest), its environment with each value as shown. */
  record Side(ServiceSpec spec, String image, SequencedMap<String, String> environment) {}

  private static final Map<String, Function<ServiceSpec, Object>> SCALARS = scalars();

  private ServiceComparison() {}

  static List<FieldChange> compare(Optional<Side> before, Optional<Side> after) {
    List<FieldChange> out = new ArrayList<>();
    add(out, "image", before.map(Side::image), after.map(Side::image));
    keyed(out, "environment.", before.map(Side::environment), after.map(Side::environment), Function.identity());
    Optional<ServiceSpec> b = before.map(Side::spec);
    Optional<ServiceSpec> a = after.map(Side::spec);
    for (Map.Entry<String, Function<ServiceSpec, Object>> field : SCALARS.entrySet()) {
      if (field.getKey().equals("labels") || field.getKey().equals("deploy.labels")) {
        keyed(out, field.getKey() + ".", b.map(s -> asText(field.getValue().apply(s))), a.map(s -> asText(field.getValue().apply(s))),
            Values::quoted);
      } else {
        add(out, field.getKey(), b.flatMap(s -> Values.of(field.getValue().apply(s))), a.flatMap(s -> Values.of(field.getValue().apply(s))));
      }
    }
    return out;
  }

  private static void add(List<FieldChange> out, String field, Optional<String> before, Optional<String> after) {
    if (!before.equals(after)) {
      out.add(new FieldChange(field, before, after));
    }
  }

  /** One change per key that differs, keys in sorted order, each value as {@code shown}. */
  private static void keyed(List<FieldChange> out, String prefix, Optional<? extends Map<String, String>> before,
      Optional<? extends Map<String, String>> after, Function<String, String> shown) {
    Map<String, String> b = before.isPresent() ? before.get() : Map.of();
    Map<String, String> a = after.isPresent() ? after.get() : Map.of();
    TreeSet<String> keys = new TreeSet<>(b.keySet());
    keys.addAll(a.keySet());
    for (String key : keys) {
      add(out, prefix + key, Optional.ofNullable(b.get(key)).map(shown), Optional.ofNullable(a.get(key)).map(shown));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> asText(Object labels) {
    return (Map<String, String>) labels;
  }

  private static Map<String, Function<ServiceSpec, Object>> scalars() {
    Map<String, Function<ServiceSpec, Object>> f = new LinkedHashMap<>();
    f.put("replicas", s -> s.deploy().flatMap(d -> d.global() ? Optional.of("global") : d.replicas().map(String::valueOf)));
    f.put("resources", s -> s.deploy().flatMap(DeploySpec::resources));
    f.put("labels", ServiceSpec::labels);
    f.put("deploy.labels", ServiceSpec::deployLabels);
    f.put("networks", ServiceSpec::networks);
    f.put("ports", ServiceSpec::ports);
    f.put("mounts", ServiceSpec::volumes);
    f.put("configs", ServiceSpec::configs);
    f.put("secrets", ServiceSpec::secrets);
    f.put("command", ServiceSpec::command);
    f.put("entrypoint", ServiceSpec::entrypoint);
    f.put("deploy.endpoint_mode", s -> s.deploy().flatMap(DeploySpec::endpointMode));
    f.put("deploy.restart_policy", s -> s.deploy().flatMap(DeploySpec::restartPolicy));
    f.put("deploy.update_config", s -> s.deploy().flatMap(DeploySpec::updateConfig));
    f.put("deploy.rollback_config", s -> s.deploy().flatMap(DeploySpec::rollbackConfig));
    f.put("deploy.placement", s -> s.deploy().flatMap(DeploySpec::placement));
    f.put("healthcheck", ServiceSpec::healthcheck);
    f.put("logging", ServiceSpec::logging);
    f.put("user", ServiceSpec::user);
    f.put("working_dir", ServiceSpec::workingDir);
    f.put("hostname", ServiceSpec::hostname);
    f.put("extra_hosts", ServiceSpec::extraHosts);
    f.put("dns", ServiceSpec::dns);
    f.put("dns_search", ServiceSpec::dnsSearch);
    f.put("stop_grace_period", ServiceSpec::stopGracePeriod);
    f.put("stop_signal", ServiceSpec::stopSignal);
    f.put("init", ServiceSpec::init);
    f.put("cap_add", ServiceSpec::capAdd);
    f.put("cap_drop", ServiceSpec::capDrop);
    f.put("sysctls", ServiceSpec::sysctls);
    f.put("ulimits", ServiceSpec::ulimits);
    f.put("read_only", ServiceSpec::readOnly);
    f.put("tty", ServiceSpec::tty);
    f.put("stdin_open", ServiceSpec::stdinOpen);
    f.put("restart", ServiceSpec::restart);
    return java.util.Collections.unmodifiableMap(f);
  }
}
