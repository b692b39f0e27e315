package se.kth.aspen.core.policy;

import java.util.List;
import se.kth.aspen.core.compose.StackModel;

/** One rule a stack must follow before it is deployed, when the rule is enforced ({@link PolicyName}). */
public interface Policy {

  /** The name reported as the failing step, e.g. {@code ResourcePolicy}. */
  default String name() {
    return getClass().getSimpleName();
  }

  /**
   * Every way {@code stack} breaks this rule, in service order; empty when it follows it.
   *
   * @param application the application the stack belongs to (for allow-lists)
   */
  List<Violation> check(StackModel stack, String application);

  /**
   * Ways {@code stack} is worth a warning under this rule without being refused (a rule whose
   * setting says warn rather than deny), in service order; reported where warnings are (validate,
   * plan, the pass's result and log), never stopping a deploy.
   */
  default List<Violation> warnings(StackModel stack, String application) {
    return List.of();
  }
}
