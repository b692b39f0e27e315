package se.kth.aspen.core.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.compose.ServiceLabels;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.VolumeMount;
import se.kth.aspen.core.compose.VolumeSpec;

/**
 * Host paths a service binds: an absolute bind source ({@code /:/host},
 * {@code /var/run/docker.sock:/var/run/docker.sock}), or a named volume of the {@code local}
 * driver that binds a host {@code device}. Such a service reaches that part of every node it runs
 * on, so whoever can commit a stack file gets it; some stacks need it (a proxy reading the engine's
 * socket, a monitoring agent), so the rule makes it visible and lets an operator limit it.
 *
 * <p>A bind is <em>granted</em> when the service's label {@value #GRANT_LABEL} (in {@code labels}
 * or {@code deploy.labels}; host paths separated by {@code ,}) names a path covering it, and
 * {@code HOST_BIND_ALLOW} ({@link PolicySettings#hostBindAllowed()}) covers that label path: the
 * allow-list says what may ever be granted, the label which service asks for it, so one stack's
 * need does not open the same path to every other. A granted bind is never reported. Anything else
 * is, as {@link PolicySettings#hostBindMode()} says: a warning ({@code warn}, the default, so that
 * stacks written for {@code docker stack deploy} keep deploying), a violation ({@code deny}), or
 * nothing ({@code allow}). A label path the allow-list does not cover grants nothing and is
 * reported the same way.
 */
public final class HostBindPolicy implements Policy {

  /** The service label that asks for host paths, when {@code HOST_BIND_ALLOW} lists them. */
  public static final String GRANT_LABEL = "se.kth.aspen.hostBind";

  private final HostBindMode mode;
  private final List<HostPath> allowed;

  public HostBindPolicy(PolicySettings settings) {
    Objects.requireNonNull(settings, "settings");
    this.mode = settings.hostBindMode();
    this.allowed = settings.hostBindAllowed().stream().map(p -> HostPath.of(p).orElseThrow()).toList();
  }

  @Override
  public List<Violation> check(StackModel stack, String application) {
    return mode == HostBindMode.DENY ? findings(stack) : List.of();
  }

  @Override
  public List<Violation> warnings(StackModel stack, String application) {
    return mode == HostBindMode.WARN ? findings(stack) : List.of();
  }

  private List<Violation> findings(StackModel stack) {
    List<Violation> out = new ArrayList<>();
    for (ServiceSpec service : stack.services().values()) {
      String at = "services." + service.name();
      List<HostPath> granted = new ArrayList<>();
      for (String asked : asked(service)) {
        Optional<HostPath> path = HostPath.of(asked);
        if (path.isPresent() && allowed.stream().anyMatch(a -> a.covers(path.get()))) {
          granted.add(path.get());
        } else {
          out.add(new Violation(name(), service.name(), labelLine(stack, service), "label " + GRANT_LABEL + " asks for \""
              + asked + "\", which HOST_BIND_ALLOW does not list" + allowedText() + "; a label can only grant what it lists"));
        }
      }
      for (VolumeMount mount : service.volumes()) {
        Optional<HostPath> bound = hostPath(mount, stack.volumes());
        if (bound.isEmpty() || granted.stream().anyMatch(g -> g.covers(bound.get()))) {
          continue;
        }
        boolean named = !mount.type().equals("bind");
        int line = named ? stack.line("volumes." + mount.source().orElseThrow() + ".driver_opts.device")
            : stack.line(at + ".volumes");
        out.add(new Violation(name(), service.name(), line, (named ? "volume " + mount.source().get() + " binds" : "binds")
            + " the host path " + bound.get() + " (at " + mount.target() + "), which gives it that part of every node's "
            + "file system; HOST_BIND_POLICY=" + mode + (mode == HostBindMode.DENY ? " refuses it" : "")
            + " unless HOST_BIND_ALLOW lists it and the service's label " + GRANT_LABEL + " names it"));
      }
    }
    return out;
  }

  private String allowedText() {
    return allowed.isEmpty() ? " (it lists nothing)" : " (it lists " + String.join(", ", allowed.stream().map(HostPath::toString).toList()) + ")";
  }

  private static List<String> asked(ServiceSpec service) {
    return ServiceLabels.value(service, GRANT_LABEL).map(text -> ServiceLabels.list(text, ",")).orElse(List.of());
  }

  private static int labelLine(StackModel stack, ServiceSpec service) {
    String at = "services." + service.name();
    int line = service.labels().containsKey(GRANT_LABEL) ? stack.line(at + ".labels") : stack.line(at + ".deploy.labels");
    return line > 0 ? line : service.line();
  }

  /** The host path a mount reaches: an absolute bind source, or a local volume binding a host device. */
  static Optional<HostPath> hostPath(VolumeMount mount, Map<String, VolumeSpec> volumes) {
    if (mount.type().equals("bind")) {
      return mount.source().flatMap(HostPath::of);
    }
    if (!mount.type().equals("volume") || mount.source().isEmpty()) {
      return Optional.empty();
    }
    VolumeSpec volume = volumes.get(mount.source().get());
    if (volume == null || volume.external() || !volume.driver().orElse("local").equals("local")) {
      return Optional.empty();
    }
    String options = volume.driverOpts().getOrDefault("o", "");
    boolean binds = Arrays.stream(options.split(",")).map(String::strip).anyMatch(o -> o.equals("bind") || o.equals("rbind"));
    String device = volume.driverOpts().get("device");
    return binds && device != null ? HostPath.of(device.strip()) : Optional.empty();
  }
}
