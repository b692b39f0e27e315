package se.kth.aspen.swarm;

import static se.kth.aspen.swarm.SpecValues.NODES;
import static se.kth.aspen.swarm.SpecValues.putNanos;
import static se.kth.aspen.swarm.SpecValues.putString;
import static se.kth.aspen.swarm.SpecValues.putStrings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.kth.aspen.core.compose.DeploySpec;
import se.kth.aspen.core.compose.NetworkAttachment;
import se.kth.aspen.core.compose.PortSpec;
import se.kth.aspen.core.compose.ResourcesSpec;
import se.kth.aspen.core.compose.RestartPolicySpec;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.UpdateConfigSpec;

/**
 * Converts one compose service into the {@code ServiceSpec} JSON {@code docker stack deploy}
 * sends (aspen-swarm/README.md lists where Aspen differs). Everything the file omits is omitted here too, so an update
 * resets it, as the CLI's does.
 */
final class ServiceSpecJson {

  private final StackModel model;
  private final StackNames names;

  ServiceSpecJson(StackModel model, StackNames names) {
    this.model = model;
    this.names = names;
  }

  ObjectNode of(ServiceSpec service, ServiceInputs inputs) throws UnsupportedSpecException {
    Optional<DeploySpec> deploy = service.deploy();
    ObjectNode spec = NODES.objectNode();
    spec.put("Name", names.scoped(service.name()));
    TreeMap<String, String> labels = new TreeMap<>(service.deployLabels());
    labels.put(StackNames.IMAGE_LABEL, service.image());
    spec.set("Labels", SpecValues.labels(labels, names.stack()));

    ObjectNode task = spec.putObject("TaskTemplate");
    MountsJson mounts = new MountsJson(model, names, inputs.hostPaths(), inputs.replacedBinds());
    task.set("ContainerSpec", ContainerSpecJson.of(names.stack(), service, inputs, mounts));
    task.set("Resources", resources(service, deploy.flatMap(DeploySpec::resources)));
    restartPolicy(service, deploy.flatMap(DeploySpec::restartPolicy)).ifPresent(r -> task.set("RestartPolicy", r));
    task.set("Placement", placement(deploy, inputs.platforms()));
    task.set("Networks", networks(service, inputs.networkNames()));
    service.logging().ifPresent(logging -> {
      ObjectNode driver = task.putObject("LogDriver");
      putString(driver, "Name", logging.driver());
      SpecValues.putMap(driver, "Options", logging.options());
    });
    task.put("ForceUpdate", inputs.forceUpdate());

    spec.set("Mode", mode(service, deploy));
    deploy.flatMap(DeploySpec::updateConfig).ifPresent(u -> spec.set("UpdateConfig", updateConfig(u)));
    deploy.flatMap(DeploySpec::rollbackConfig).ifPresent(u -> spec.set("RollbackConfig", updateConfig(u)));
    spec.set("EndpointSpec", endpoint(service, deploy));
    return spec;
  }

  private static ObjectNode resources(ServiceSpec service, Optional<ResourcesSpec> resources)
      throws UnsupportedSpecException {
    ObjectNode node = NODES.objectNode();
    if (resources.isEmpty()) {
      return node;
    }
    resources.get().limits().ifPresent(l -> {
      ObjectNode limits = node.putObject("Limits");
      l.nanoCpus().filter(v -> v != 0).ifPresent(v -> limits.put("NanoCPUs", v));
      l.memoryBytes().filter(v -> v != 0).ifPresent(v -> limits.put("MemoryBytes", v));
      l.pids().filter(v -> v != 0).ifPresent(v -> limits.put("Pids", v));
    });
    if (resources.get().reservations().isPresent()) {
      ResourcesSpec.ResourceValues r = resources.get().reservations().get();
      if (r.pids().isPresent()) {
        throw new UnsupportedSpecException(service.name(), "deploy.resources.reservations.pids is not supported by Swarm");
      }
      ObjectNode reservations = node.putObject("Reservations");
      r.nanoCpus().filter(v -> v != 0).ifPresent(v -> reservations.put("NanoCPUs", v));
      r.memoryBytes().filter(v -> v != 0).ifPresent(v -> reservations.put("MemoryBytes", v));
    }
    return node;
  }

  /** {@code deploy.restart_policy}, else the {@code restart} key the CLI still honours (§10). */
  private static Optional<ObjectNode> restartPolicy(ServiceSpec service, Optional<RestartPolicySpec> policy)
      throws UnsupportedSpecException {
    ObjectNode node = NODES.objectNode();
    if (policy.isPresent()) {
      RestartPolicySpec p = policy.get();
      putString(node, "Condition", p.condition());
      putNanos(node, "Delay", p.delay());
      p.maxAttempts().filter(v -> v != 0).ifPresent(v -> node.put("MaxAttempts", v));
      putNanos(node, "Window", p.window());
      return Optional.of(node);
    }
    if (service.restart().isEmpty() || service.restart().get().equals("no")) {
      return Optional.empty();
    }
    String restart = service.restart().get();
    if (restart.equals("always") || restart.equals("unless-stopped")) {
      return Optional.of(node.put("Condition", "any"));
    }
    if (restart.equals("on-failure") || restart.startsWith("on-failure:")) {
      node.put("Condition", "on-failure");
      if (restart.contains(":")) {
        try {
          node.put("MaxAttempts", Long.parseLong(restart.substring(restart.indexOf(':') + 1)));
        } catch (NumberFormatException e) {
          throw new UnsupportedSpecException(service.name(), "restart \"" + restart + "\" has no valid attempt count");
        }
      }
      return Optional.of(node);
    }
    throw new UnsupportedSpecException(service.name(), "restart \"" + restart + "\" is not no, always, unless-stopped or on-failure[:N]");
  }

  private static ObjectNode placement(Optional<DeploySpec> deploy, ArrayNode platforms) {
    ObjectNode node = NODES.objectNode();
    deploy.flatMap(DeploySpec::placement).ifPresent(p -> {
      putStrings(node, "Constraints", p.constraints());
      if (!p.spreadPreferences().isEmpty()) {
        ArrayNode preferences = node.putArray("Preferences");
        p.spreadPreferences().forEach(s -> preferences.addObject().putObject("Spread").put("SpreadDescriptor", s));
      }
      p.maxReplicasPerNode().filter(v -> v != 0).ifPresent(v -> node.put("MaxReplicas", v));
    });
    if (!platforms.isEmpty()) {
      node.set("Platforms", platforms);
    }
    return node;
  }

  private ArrayNode networks(ServiceSpec service, Map<String, String> networkNames) throws UnsupportedSpecException {
    List<NetworkAttachment> attachments = service.networks().isEmpty()
        ? List.of(new NetworkAttachment("default", List.of()))
        : service.networks();
    TreeMap<String, ObjectNode> byTarget = new TreeMap<>();
    for (NetworkAttachment attachment : attachments) {
      String target = networkNames.get(attachment.network());
      if (target == null) {
        throw new UnsupportedSpecException(service.name(), "undefined network \"" + attachment.network() + "\"");
      }
      ObjectNode node = NODES.objectNode();
      node.put("Target", target);
      List<String> aliases = new ArrayList<>(attachment.aliases());
      if (BuiltInNetworks.isUserDefined(target)) {
        aliases.add(service.name());
      }
      if (!aliases.isEmpty()) {
        ArrayNode array = node.putArray("Aliases");
        aliases.forEach(array::add);
      }
      byTarget.put(target, node);
    }
    ArrayNode array = NODES.arrayNode();
    byTarget.values().forEach(array::add);
    return array;
  }

  private static ObjectNode mode(ServiceSpec service, Optional<DeploySpec> deploy) throws UnsupportedSpecException {
    ObjectNode mode = NODES.objectNode();
    Optional<Integer> replicas = deploy.flatMap(DeploySpec::replicas);
    String written = deploy.flatMap(DeploySpec::mode).orElse("replicated");
    switch (written) {
      case "global", "global-job" -> {
        if (replicas.isPresent()) {
          throw new UnsupportedSpecException(service.name(), "replicas can only be used with replicated mode");
        }
        mode.putObject(written.equals("global") ? "Global" : "GlobalJob");
      }
      case "replicated" -> {
        ObjectNode replicated = mode.putObject("Replicated");
        replicas.ifPresent(r -> replicated.put("Replicas", r));
      }
      case "replicated-job" -> {
        // As the CLI converts it: replicas is both how many run at once and how many must complete.
        ObjectNode job = mode.putObject("ReplicatedJob");
        job.put("MaxConcurrent", replicas.orElse(1));
        job.put("TotalCompletions", replicas.orElse(1));
      }
      default -> throw new UnsupportedSpecException(service.name(),
          "deploy.mode \"" + written + "\" is not replicated, global, replicated-job or global-job");
    }
    return mode;
  }

  private static ObjectNode updateConfig(UpdateConfigSpec config) {
    ObjectNode node = NODES.objectNode();
    node.put("Parallelism", config.parallelism().orElse(1));
    putNanos(node, "Delay", config.delay());
    putString(node, "FailureAction", config.failureAction());
    putNanos(node, "Monitor", config.monitor());
    node.put("MaxFailureRatio", config.maxFailureRatio().orElse(0.0).floatValue());
    node.put("Order", config.order().orElse(""));
    return node;
  }

  private static ObjectNode endpoint(ServiceSpec service, Optional<DeploySpec> deploy) {
    ObjectNode node = NODES.objectNode();
    putString(node, "Mode", deploy.flatMap(DeploySpec::endpointMode));
    if (!service.ports().isEmpty()) {
      ArrayNode ports = node.putArray("Ports");
      service.ports().stream()
          .sorted(Comparator.comparing((PortSpec p) -> p.published().orElse(0)))
          .forEach(p -> {
            ObjectNode port = ports.addObject();
            port.put("Protocol", p.protocol());
            port.put("TargetPort", p.target());
            p.published().ifPresent(v -> port.put("PublishedPort", v));
            port.put("PublishMode", p.mode());
          });
    }
    return node;
  }
}
