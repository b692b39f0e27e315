package se.kth.aspen.core.notice;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.kth.aspen.core.compose.ServiceLabels;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;

/** Reading the {@code se.kth.*} labels of a stack's services, as the notices use them. */
final class StackLabels {

  /** The prefix of the labels through which teams describe their app. */
  static final String TEAM_PREFIX = "se.kth.";

  private StackLabels() {}

  static Optional<ServiceSpec> firstService(StackModel stack) {
    return stack.services().isEmpty() ? Optional.empty() : Optional.of(stack.services().firstEntry().getValue());
  }

  static Optional<ServiceSpec> lastService(StackModel stack) {
    return stack.services().isEmpty() ? Optional.empty() : Optional.of(stack.services().lastEntry().getValue());
  }

  /**
   * A label of the service: its container labels first, then its deploy labels (teams put the
   * {@code se.kth.*} labels in either), surrounding quotes stripped.
   */
  static Optional<String> label(ServiceSpec service, String name) {
    return ServiceLabels.value(service, name);
  }

  /** The service's {@code se.kth.*} labels by name, read as {@link #label} reads one. */
  static Map<String, String> teamLabels(ServiceSpec service) {
    Map<String, String> out = new TreeMap<>();
    service.deployLabels().forEach((name, value) -> {
      if (name.startsWith(TEAM_PREFIX)) {
        out.put(name, unquote(value));
      }
    });
    service.labels().forEach((name, value) -> {
      if (name.startsWith(TEAM_PREFIX)) {
        out.put(name, unquote(value));
      }
    });
    return Map.copyOf(out);
  }

  static String unquote(String value) {
    return ServiceLabels.unquote(value);
  }

  /**
   * Every service's {@code se.kth.slackChannels}, in file order; blank ones left out, repeats
   * kept, as the old tool kept them.
   */
  static List<String> channels(StackModel stack) {
    return stack.services().values().stream()
        .flatMap(s -> label(s, "se.kth.slackChannels").filter(v -> !v.isBlank()).stream())
        .toList();
  }
}
