package se.kth.aspen.core.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A service's {@code deploy} block, with the CLI's conversions (durations, CPUs, memory). */
final class DeployReader {

  private static final Set<String> KEYS = Set.of("mode", "replicas", "endpoint_mode", "labels", "resources",
      "restart_policy", "update_config", "rollback_config", "placement");
  private static final Set<String> RESOURCE_VALUE_KEYS = Set.of("cpus", "memory", "pids", "generic_resources", "devices");
  private static final Set<String> CONDITIONS = Set.of("none", "on-failure", "any");
  private static final Set<String> FAILURE_ACTIONS = Set.of("continue", "pause", "rollback");
  private static final Set<String> ORDERS = Set.of("start-first", "stop-first");

  private DeployReader() {}

  static Optional<DeploySpec> read(Block service) throws StackFileException {
    Optional<Block> found = service.block("deploy");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Block deploy = found.get();
    deploy.allowOnly(KEYS);
    Optional<String> mode = oneOf(deploy, "mode", Set.of("replicated", "global", "replicated-job", "global-job"));
    Optional<Integer> replicas = deploy.count("replicas");
    if (replicas.isPresent() && mode.filter(m -> m.startsWith("global")).isPresent()) {
      throw deploy.context.error(deploy.path, deploy.line("replicas"), "replicas can only be used with replicated mode");
    }
    return Optional.of(new DeploySpec(
        mode,
        replicas,
        oneOf(deploy, "endpoint_mode", Set.of("vip", "dnsrr")),
        deploy.stringMap("labels"),
        resources(deploy),
        restartPolicy(deploy),
        updateConfig(deploy, "update_config"),
        updateConfig(deploy, "rollback_config"),
        placement(deploy)));
  }

  static Optional<String> oneOf(Block block, String key, Set<String> allowed) throws StackFileException {
    Optional<String> value = block.string(key);
    if (value.isPresent() && !allowed.contains(value.get())) {
      throw block.context.invalid(block.child(key), block.line(key),
          "must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ", got \"" + value.get() + "\"");
    }
    return value;
  }

  private static Optional<ResourcesSpec> resources(Block deploy) throws StackFileException {
    Optional<Block> found = deploy.block("resources");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Block resources = found.get();
    resources.allowOnly(Set.of("limits", "reservations"));
    return Optional.of(new ResourcesSpec(values(resources, "limits"), values(resources, "reservations")));
  }

  private static Optional<ResourcesSpec.ResourceValues> values(Block resources, String key) throws StackFileException {
    Optional<Block> found = resources.block(key);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Block values = found.get();
    values.allowOnly(RESOURCE_VALUE_KEYS);
    for (String unsupported : List.of("generic_resources", "devices")) {
      if (values.has(unsupported)) {
        values.context.warn(values.path, values.line(unsupported),
            ReadContext.shown(values.child(unsupported)) + " is not supported by Aspen and is ignored");
      }
    }
    return Optional.of(new ResourcesSpec.ResourceValues(
        values.converted("cpus", null, Units::nanoCpus),
        values.converted("memory", null, Units::memoryBytes),
        values.longNumber("pids")));
  }

  private static Optional<RestartPolicySpec> restartPolicy(Block deploy) throws StackFileException {
    Optional<Block> found = deploy.block("restart_policy");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Block policy = found.get();
    policy.allowOnly(Set.of("condition", "delay", "max_attempts", "window"));
    return Optional.of(new RestartPolicySpec(
        oneOf(policy, "condition", CONDITIONS),
        policy.duration("delay"),
        policy.count("max_attempts"),
        policy.duration("window")));
  }

  private static Optional<UpdateConfigSpec> updateConfig(Block deploy, String key) throws StackFileException {
    Optional<Block> found = deploy.block(key);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Block config = found.get();
    config.allowOnly(Set.of("parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order"));
    return Optional.of(new UpdateConfigSpec(
        config.count("parallelism"),
        config.duration("delay"),
        oneOf(config, "failure_action", FAILURE_ACTIONS),
        config.duration("monitor"),
        config.decimal("max_failure_ratio"),
        oneOf(config, "order", ORDERS)));
  }

  private static Optional<PlacementSpec> placement(Block deploy) throws StackFileException {
    Optional<Block> found = deploy.block("placement");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Block placement = found.get();
    placement.allowOnly(Set.of("constraints", "preferences", "max_replicas_per_node"));
    List<String> spreads = new ArrayList<>();
    for (YNode item : placement.items("preferences")) {
      if (!(item instanceof YNode.Mapping mapping)) {
        throw placement.context.invalid(placement.child("preferences"), item.line(),
            "entries must be mappings such as {spread: node.labels.zone}");
      }
      Block preference = placement.context.block(mapping, placement.child("preferences") + ".[]");
      preference.allowOnly(Set.of("spread"));
      preference.string("spread").ifPresent(spreads::add);
    }
    return Optional.of(new PlacementSpec(placement.strings("constraints"), spreads, placement.count("max_replicas_per_node")));
  }
}
