package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.kth.aspen.core.compose.NetworkAttachment;
import se.kth.aspen.core.compose.NetworkSpec;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * The networks a stack's services use: external ones must exist
 * with swarm scope; the stack's own are created when missing and never updated.
 */
final class NetworkSetup {

  // The CLI looks ingress up like any other; it always exists with swarm scope, so Aspen spares the call.
  private static final String INGRESS = "ingress";
  private static final NetworkSpec DEFAULT = new NetworkSpec(
      Optional.empty(), false, Optional.empty(), Map.of(), false, false, Map.of(), Optional.empty(), List.of());

  private final EngineClient engine;
  private final StackNames names;

  NetworkSetup(EngineClient engine, StackNames names) {
    this.engine = engine;
    this.names = names;
  }

  /** Each used network key to its name on the engine, after creating what is missing. */
  Map<String, String> prepare(StackModel model, DeployProgress progress) throws UnreachableException, RefusedException {
    Set<String> used = new LinkedHashSet<>();
    for (ServiceSpec service : model.services().values()) {
      if (service.networks().isEmpty()) {
        used.add("default");
      }
      for (NetworkAttachment attachment : service.networks()) {
        if (!model.networks().containsKey(attachment.network()) && !attachment.network().equals("default")) {
          throw new RefusedException(model.file() + ": service " + service.name() + " uses network \""
              + attachment.network() + "\", which is not declared under networks");
        }
        used.add(attachment.network());
      }
    }
    Map<String, String> result = new LinkedHashMap<>();
    Map<String, NetworkSpec> toCreate = new LinkedHashMap<>();
    for (String key : used) {
      NetworkSpec spec = model.networks().getOrDefault(key, DEFAULT);
      if (spec == null) {
        spec = DEFAULT;
      }
      String name = names.object(key, spec.name(), spec.external());
      result.put(key, name);
      if (spec.external()) {
        checkExternal(name);
      } else {
        toCreate.put(name, spec);
      }
    }
    if (toCreate.isEmpty()) {
      return result;
    }
    Set<String> existing = new HashSet<>();
    for (JsonNode network : engine.get("/networks?filters=" + names.labelFilter(), "listing the networks of stack " + names.stack())) {
      existing.add(network.path("Name").asText());
    }
    for (Map.Entry<String, NetworkSpec> entry : toCreate.entrySet()) {
      if (!existing.contains(entry.getKey())) {
        engine.post("/networks/create", body(entry.getKey(), entry.getValue()), Map.of(), "creating network " + entry.getKey());
        progress.applied("network " + entry.getKey() + " created");
      }
    }
    return result;
  }

  private void checkExternal(String name) throws UnreachableException, RefusedException {
    if (!BuiltInNetworks.isUserDefined(name) || name.equals(INGRESS)) {
      return;
    }
    String path = "/networks/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    Optional<JsonNode> network = engine.find(path, "looking up external network " + name);
    if (network.isEmpty()) {
      throw new RefusedException("network \"" + name + "\" is declared as external, but could not be found. "
          + "You need to create a swarm-scoped network before the stack is deployed");
    }
    String scope = network.get().path("Scope").asText();
    if (!scope.equals("swarm")) {
      throw new RefusedException("network \"" + name + "\" is declared as external, but it is not in the right scope: \""
          + scope + "\" instead of \"swarm\"");
    }
  }

  private ObjectNode body(String name, NetworkSpec spec) {
    ObjectNode body = SpecValues.NODES.objectNode();
    body.put("Name", name);
    body.put("CheckDuplicate", false);
    body.put("Driver", spec.driver().orElse("overlay"));
    SpecValues.putMap(body, "Options", spec.driverOpts());
    body.put("Internal", spec.internal());
    body.put("Attachable", spec.attachable());
    body.set("Labels", SpecValues.labels(spec.labels(), names.stack()));
    if (spec.ipamDriver().isPresent() || !spec.subnets().isEmpty()) {
      ObjectNode ipam = body.putObject("IPAM");
      SpecValues.putString(ipam, "Driver", spec.ipamDriver());
      var config = ipam.putArray("Config");
      spec.subnets().forEach(s -> config.addObject().put("Subnet", s));
    }
    return body;
  }
}
