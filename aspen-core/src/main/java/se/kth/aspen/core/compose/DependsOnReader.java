package se.kth.aspen.core.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service's {@code depends_on}: the short form (a list of service names, each waited for as
 * {@code service_started}) or the long form (a mapping of names to {@code condition},
 * {@code required} and {@code restart}).
 */
final class DependsOnReader {

  private static final Set<String> LONG_KEYS = Set.of("condition", "required", "restart");

  private DependsOnReader() {}

  static List<ServiceDependency> read(Block service) throws StackFileException {
    YNode node = service.mapping.get("depends_on");
    if (node == null || node instanceof YNode.Scalar s && s.isNull()) {
      return List.of();
    }
    String at = service.child("depends_on");
    List<ServiceDependency> out = new ArrayList<>();
    if (node instanceof YNode.Sequence list) {
      for (YNode item : list.items()) {
        out.add(new ServiceDependency(service.context.text(item, at + ".[]"), ServiceDependency.Condition.SERVICE_STARTED,
            true, item.line()));
      }
      return out;
    }
    if (!(node instanceof YNode.Mapping mapping)) {
      throw service.context.invalid(at, node.line(), "must be a list of services or a mapping of services to conditions, got "
          + node.kind());
    }
    for (Map.Entry<String, YNode> entry : mapping.entries().entrySet()) {
      int line = mapping.keyLine(entry.getKey());
      String path = at + "." + entry.getKey();
      service.context.lines.put(path, line);
      ServiceDependency.Condition condition = ServiceDependency.Condition.SERVICE_STARTED;
      boolean required = true;
      if (entry.getValue() instanceof YNode.Mapping options) {
        Block block = service.context.block(options, path);
        block.allowOnly(LONG_KEYS);
        String written = block.string("condition").orElse(condition.written());
        condition = ServiceDependency.Condition.parse(written).orElseThrow(() -> service.context.invalid(
            block.child("condition"), block.line("condition"),
            "must be one of service_completed_successfully, service_healthy, service_started, got \"" + written + "\""));
        required = block.bool("required").orElse(true);
        if (block.has("restart")) {
          service.context.warn(path, block.line("restart"),
              "depends_on." + entry.getKey() + ".restart is not supported by Swarm and is ignored");
        }
      } else if (!(entry.getValue() instanceof YNode.Scalar s && s.isNull())) {
        throw service.context.invalid(path, line, "must be a mapping with a condition, got " + entry.getValue().kind());
      }
      out.add(new ServiceDependency(entry.getKey(), condition, required, line));
    }
    return out;
  }
}
