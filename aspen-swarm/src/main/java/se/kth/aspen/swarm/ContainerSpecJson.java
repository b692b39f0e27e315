package se.kth.aspen.swarm;

import static se.kth.aspen.swarm.SpecValues.NODES;
import static se.kth.aspen.swarm.SpecValues.labels;
import static se.kth.aspen.swarm.SpecValues.putBoolean;
import static se.kth.aspen.swarm.SpecValues.putMap;
import static se.kth.aspen.swarm.SpecValues.putNanos;
import static se.kth.aspen.swarm.SpecValues.putString;
import static se.kth.aspen.swarm.SpecValues.putStrings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import se.kth.aspen.core.compose.HealthcheckSpec;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.Ulimit;

/** A service's {@code TaskTemplate.ContainerSpec}, field by field as the CLI writes it. */
final class ContainerSpecJson {

  private ContainerSpecJson() {}

  static ObjectNode of(String stack, ServiceSpec service, ServiceInputs inputs, MountsJson mounts)
      throws UnsupportedSpecException {
    ObjectNode spec = NODES.objectNode();
    spec.put("Image", inputs.image());
    spec.set("Labels", labels(service.labels(), stack));
    service.entrypoint().ifPresent(e -> putList(spec, "Command", e));
    service.command().ifPresent(c -> putList(spec, "Args", c));
    putString(spec, "Hostname", service.hostname());
    putStrings(spec, "Env", inputs.env());
    putString(spec, "Dir", service.workingDir());
    putString(spec, "User", service.user());
    ObjectNode privileges = spec.putObject("Privileges");
    privileges.putNull("CredentialSpec");
    privileges.putNull("SELinuxContext");
    putBoolean(spec, "Init", service.init());
    putString(spec, "StopSignal", service.stopSignal());
    putBoolean(spec, "TTY", service.tty());
    putBoolean(spec, "OpenStdin", service.stdinOpen());
    putBoolean(spec, "ReadOnly", service.readOnly());
    ArrayNode mountArray = mounts.of(service);
    if (!mountArray.isEmpty()) {
      spec.set("Mounts", mountArray);
    }
    putNanos(spec, "StopGracePeriod", service.stopGracePeriod());
    service.healthcheck().ifPresent(h -> spec.set("Healthcheck", healthcheck(h)));
    putStrings(spec, "Hosts", hosts(service));
    if (!service.dns().isEmpty() || !service.dnsSearch().isEmpty()) {
      ObjectNode dns = spec.putObject("DNSConfig");
      putStrings(dns, "Nameservers", service.dns());
      putStrings(dns, "Search", service.dnsSearch());
    }
    if (!inputs.secrets().isEmpty()) {
      spec.putArray("Secrets").addAll(inputs.secrets());
    }
    if (!inputs.configs().isEmpty()) {
      spec.putArray("Configs").addAll(inputs.configs());
    }
    putMap(spec, "Sysctls", service.sysctls());
    putStrings(spec, "CapabilityAdd", service.capAdd().stream().map(ContainerSpecJson::capability).toList());
    putStrings(spec, "CapabilityDrop", service.capDrop().stream().map(ContainerSpecJson::capability).toList());
    if (!service.ulimits().isEmpty()) {
      ArrayNode ulimits = spec.putArray("Ulimits");
      service.ulimits().stream().sorted(Comparator.comparing(Ulimit::name)).forEach(u -> ulimits.addObject()
          .put("Name", u.name()).put("Hard", u.hard()).put("Soft", u.soft()));
    }
    return spec;
  }

  private static void putList(ObjectNode spec, String field, List<String> values) {
    ArrayNode array = spec.putArray(field);
    values.forEach(array::add);
  }

  private static ObjectNode healthcheck(HealthcheckSpec health) {
    ObjectNode node = NODES.objectNode();
    putStrings(node, "Test", health.test());
    putNanos(node, "Interval", health.interval());
    putNanos(node, "Timeout", health.timeout());
    putNanos(node, "StartPeriod", health.startPeriod());
    health.retries().filter(r -> r != 0).ifPresent(r -> node.put("Retries", r));
    return node;
  }

  /**
   * {@code host:ip} (or {@code host=ip}) becomes {@code ip host}, as in /etc/hosts; an empty side
   * stays empty, as the CLI sends it. The reader has dropped entries without a separator; a model
   * built otherwise that still has one is refused rather than sent.
   */
  private static List<String> hosts(ServiceSpec service) throws UnsupportedSpecException {
    List<String> hosts = new java.util.ArrayList<>();
    for (String entry : service.extraHosts()) {
      int colon = entry.indexOf(':');
      int equals = entry.indexOf('=');
      int split = equals >= 0 && (colon < 0 || equals < colon) ? equals : colon;
      if (split < 0) {
        throw new UnsupportedSpecException(service.name(), "extra_hosts entry \"" + entry + "\" is not host:ip");
      }
      hosts.add(entry.substring(split + 1) + " " + entry.substring(0, split));
    }
    return hosts;
  }

  private static String capability(String name) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    return upper.startsWith("CAP_") || upper.equals("ALL") ? upper : "CAP_" + upper;
  }
}
