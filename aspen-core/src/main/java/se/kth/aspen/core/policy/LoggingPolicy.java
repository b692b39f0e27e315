package se.kth.aspen.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.kth.aspen.core.compose.LoggingSpec;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;

/** Every service bounds its logs: {@code logging.options.max-size} and {@code logging.options.max-file}. */
public final class LoggingPolicy implements Policy {

  private static final List<String> REQUIRED = List.of("max-size", "max-file");

  @Override
  public List<Violation> check(StackModel stack, String application) {
    List<Violation> out = new ArrayList<>();
    for (ServiceSpec service : stack.services().values()) {
      Map<String, String> options = service.logging().map(LoggingSpec::options).orElse(Map.of());
      for (String option : REQUIRED) {
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
