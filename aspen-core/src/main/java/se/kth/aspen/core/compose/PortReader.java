package se.kth.aspen.core.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A service's {@code ports}: the short form {@code [HOST_IP:][PUBLISHED[-END]:]TARGET[-END][/PROTOCOL]}
 * (a range gives one port per number, published and target paired in order) and the long form
 * {@code {target, published, protocol, mode}}.
 */
final class PortReader {

  private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");
  private static final Set<String> MODES = Set.of("ingress", "host");
  private static final Set<String> LONG_KEYS = Set.of("target", "published", "protocol", "mode", "host_ip", "name", "app_protocol");

  private PortReader() {}

  static List<PortSpec> read(Block service) throws StackFileException {
    List<PortSpec> ports = new ArrayList<>();
    String path = service.child("ports");
    for (YNode item : service.items("ports")) {
      if (item instanceof YNode.Mapping mapping) {
        ports.add(longForm(service.context.block(mapping, path + ".[]")));
      } else {
        String text = service.context.text(item, path + ".[]");
        List<PortSpec> parsed;
        try {
          parsed = shortForm(text);
        } catch (IllegalArgumentException e) {
          throw service.context.invalid(path, item.line(), "entry \"" + text + "\" " + e.getMessage());
        }
        ports.addAll(parsed);
        if (parsed.getFirst().hostIp().isPresent()) {
          service.context.warn(path, item.line(), "ports: host IP " + parsed.getFirst().hostIp().get() + " in \""
              + text + "\" is ignored: Swarm publishes on every node's address");
        }
      }
    }
    return ports;
  }

  private static PortSpec longForm(Block port) throws StackFileException {
    port.allowOnly(LONG_KEYS);
    int target = port.integer("target").orElseThrow(() ->
        port.context.invalid(port.path, port.line(), "needs a target port"));
    checkPort(port, "target", target, 1);
    Optional<Integer> published = port.integer("published");
    if (published.isPresent()) {
      checkPort(port, "published", published.get(), 0);
    }
    String protocol = port.string("protocol").orElse("tcp");
    if (!PROTOCOLS.contains(protocol)) {
      throw port.context.invalid(port.child("protocol"), port.line("protocol"), "must be tcp, udp or sctp, got \"" + protocol + "\"");
    }
    String mode = port.string("mode").orElse("ingress");
    if (!MODES.contains(mode)) {
      throw port.context.invalid(port.child("mode"), port.line("mode"), "must be ingress or host, got \"" + mode + "\"");
    }
    return new PortSpec(target, published, protocol, mode, port.string("host_ip"));
  }

  private static void checkPort(Block port, String key, int value, int min) throws StackFileException {
    if (value < min || value > 65535) {
      throw port.context.invalid(port.child(key), port.line(key), "must be a port number, got " + value);
    }
  }

  static List<PortSpec> shortForm(String written) {
    String text = written.strip();
    String protocol = "tcp";
    int slash = text.lastIndexOf('/');
    if (slash >= 0) {
      protocol = text.substring(slash + 1);
      text = text.substring(0, slash);
      if (!PROTOCOLS.contains(protocol)) {
        throw new IllegalArgumentException("has an unknown protocol \"" + protocol + "\" (tcp, udp or sctp)");
      }
    }
    Optional<String> hostIp = Optional.empty();
    if (text.startsWith("[")) {
      int close = text.indexOf("]:");
      if (close < 0) {
        throw new IllegalArgumentException("has an unterminated IPv6 address");
      }
      hostIp = Optional.of(text.substring(1, close));
      text = text.substring(close + 2);
    }
    String[] parts = text.split(":", -1);
    String published;
    String target;
    switch (parts.length) {
      case 1 -> { published = ""; target = parts[0]; }
      case 2 -> { published = parts[0]; target = parts[1]; }
      case 3 -> {
        if (hostIp.isPresent()) {
          throw new IllegalArgumentException("is not of the form [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]");
        }
        hostIp = Optional.of(parts[0]);
        published = parts[1];
        target = parts[2];
      }
      default -> throw new IllegalArgumentException("is not of the form [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]");
    }
    int[] targets = range(target, 1);
    int[] publishedPorts = published.isEmpty() ? null : range(published, 0);
    if (publishedPorts != null && publishedPorts.length != targets.length) {
      throw new IllegalArgumentException("pairs " + publishedPorts.length + " published ports with "
          + targets.length + " target ports");
    }
    List<PortSpec> out = new ArrayList<>(targets.length);
    for (int i = 0; i < targets.length; i++) {
      Optional<Integer> pub = publishedPorts == null ? Optional.empty() : Optional.of(publishedPorts[i]);
      out.add(new PortSpec(targets[i], pub, protocol, "ingress", hostIp));
    }
    return out;
  }

  private static int[] range(String text, int min) {
    int dash = text.indexOf('-');
    int first = port(dash < 0 ? text : text.substring(0, dash), min);
    int last = dash < 0 ? first : port(text.substring(dash + 1), min);
    if (last < first) {
      throw new IllegalArgumentException("has a range that ends before it starts: " + text);
    }
    int[] ports = new int[last - first + 1];
    for (int i = 0; i < ports.length; i++) {
      ports[i] = first + i;
    }
    return ports;
  }

  private static int port(String text, int min) {
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("has \"" + text + "\" where a port number belongs");
    }
    if (value < min || value > 65535) {
      throw new IllegalArgumentException("has port " + value + ", outside " + min + "-65535");
    }
    return value;
  }
}
