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
}
