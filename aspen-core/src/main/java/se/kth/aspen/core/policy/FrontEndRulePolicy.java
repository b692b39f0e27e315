package se.kth.aspen.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;

/**
 * No service publishes the site root through its front-end rule deploy label
 * ({@code FRONT_END_RULE_LABEL}), unless its application is allowed to. What counts as the root is
 * documented on {@link FrontEndRule}: a path matcher whose value is exactly {@code /}.
 */
public final class FrontEndRulePolicy implements Policy {

  private final PolicySettings settings;

  public FrontEndRulePolicy(PolicySettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public List<Violation> check(StackModel stack, String application) {
    List<Violation> out = new ArrayList<>();
    if (settings.rootPathApplications().contains(application)) {
      return out;
    }
    String label = settings.frontEndRuleLabel();
    for (ServiceSpec service : stack.services().values()) {
      String rule = service.deployLabels().get(label);
      if (rule != null && FrontEndRule.publishesRoot(rule)) {
        out.add(new Violation(name(), service.name(),
            stack.line("services." + service.name() + ".deploy.labels." + label),
            "deploy label " + label + " \"" + rule + "\" publishes the site root (/), which only allow-listed "
                + "applications may do"));
      }
    }
    return out;
  }
}
