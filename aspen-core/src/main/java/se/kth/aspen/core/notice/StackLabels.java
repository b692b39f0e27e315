package se.kth.aspen.core.notice;

import java.util.Optional;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;

/** Reading the {@code se.kth.*} labels of a stack's services, as the notices use them. */
final class StackLabels {

  private StackLabels() {}

  static Optional<ServiceSpec> firstService(StackModel stack) {
    return stack.services().isEmpty() ? Optional.empty() : Optional.of(stack.services().firstEntry().getValue());
  }

  /**
   * A label of the service: its container labels first, then its deploy labels (teams put the
   * {@code se.kth.*} labels in either), surrounding quotes stripped.
   */
  static Optional<String> label(ServiceSpec service, String name) {
    String value = service.labels().get(name);
    if (value == null) {
      value = service.deployLabels().get(name);
    }
    return Optional.ofNullable(value).map(StackLabels::unquote);
  }

  static String unquote(String value) {
    String v = value.strip();
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  static Optional<ServiceSpec> lastService(StackModel stack) {
    return stack.services().isEmpty() ? Optional.empty() : Optional.of(stack.services().lastEntry().getValue());
  }

  /**
   * Every service's {@code se.kth.slackChannels}, joined with {@code ,} in file order; empty when
   * no service has one. Repeats are kept, as the old tool kept them.
   */
  static Optional<String> slackChannels(StackModel stack) {
    String joined = stack.services().values().stream()
        .flatMap(s -> label(s, "se.kth.slackChannels").filter(v -> !v.isBlank()).stream())
        .collect(java.util.stream.Collectors.joining(","));
    return Optional.of(joined).filter(s -> !s.isEmpty());
  }

}
