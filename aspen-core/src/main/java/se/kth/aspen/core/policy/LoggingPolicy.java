package se.kth.aspen.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.kth.aspen.core.compose.LoggingSpec;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;

/**
 * Every service bounds its logs: it sets each required {@code logging.options} key (KTH:
 * {@code max-size} and {@code max-file}) to something not blank.
 */
public final class LoggingPolicy implements Policy {

  private final List<String> required;

  /** @param required the option names every service must set */
  public LoggingPolicy(List<String> required) {
    this.required = List.copyOf(required);
  }

  @Override
  public List<Violation> check(StackModel stack, String application) {
    List<Violation> out = new ArrayList<>();
    for (ServiceSpec service : stack.services().values()) {
      Map<String, String> options = service.logging().map(LoggingSpec::options).orElse(Map.of());
      for (String option : required) {
        String value = options.get(option);
        if (value == null || value.isBlank()) {
          out.add(new Violation(name(), service.name(),
              stack.line("services." + service.name() + ".logging.options." + option),
              "logging.options." + option + " is missing"));
        }
      }
    }
    return out;
  }
}
