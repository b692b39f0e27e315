package se.kth.aspen.core.compose;

import java.util.Map;

/** A service may only use networks, named volumes, secrets and configs declared at the top level. */
final class References {

  private References() {}

  static void check(ServiceSpec service, ReadContext context, Map<String, NetworkSpec> networks,
      Map<String, VolumeSpec> volumes, Map<String, FileObjectSpec> secrets, Map<String, FileObjectSpec> configs)
      throws StackFileException {
    String path = "services." + service.name();
    for (NetworkAttachment network : service.networks()) {
      if (!network.network().equals("default") && !networks.containsKey(network.network())) {
        throw undeclared(context, path + ".networks", "network", network.network(), "networks");
      }
    }
    for (VolumeMount mount : service.volumes()) {
      if (mount.type().equals("volume") && mount.source().isPresent() && !volumes.containsKey(mount.source().get())) {
        throw undeclared(context, path + ".volumes", "volume", mount.source().get(), "volumes");
      }
      if (mount.type().equals("bind") && mount.source().filter(s -> s.startsWith(".")).isPresent()) {
        try {
          ConfinedPath.check(mount.source().get());
        } catch (PathEscapeException e) {
          throw context.error(path + ".volumes", line(context, path + ".volumes"), "volumes: " + e.getMessage());
        }
      }
    }
    for (FileReference secret : service.secrets()) {
      if (!secrets.containsKey(secret.source())) {
        throw undeclared(context, path + ".secrets", "secret", secret.source(), "secrets");
      }
    }
    for (FileReference config : service.configs()) {
      if (!configs.containsKey(config.source())) {
        throw undeclared(context, path + ".configs", "config", config.source(), "configs");
      }
    }
  }

  private static StackFileException undeclared(ReadContext context, String path, String what, String name, String section) {
    return context.error(path, line(context, path), what + " \"" + name + "\" is not declared in the top-level " + section);
  }

  private static int line(ReadContext context, String path) {
    return context.lines.getOrDefault(path, 0);
  }
}
