package se.kth.aspen.core.pass;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.kth.aspen.core.compose.ServiceOrder;

/**
 * A plan ends after Check: CHANGED, with the images it would deploy and, when it matters, the
 * order its services and its app would be deployed in. Part of step Check: nothing new is done.
 */
final class PlanStage implements Stage<CheckStage.Checked<DecideStage.Decided>, Finished> {

  @Override
  public Step step() {
    return Step.CHECK;
  }

  @Override
  public Next<Finished> apply(CheckStage.Checked<DecideStage.Decided> in) {
    ServiceOrder order = ServiceOrder.of(in.read().stack());
    List<String> after = AppOrder.dependencies(in.read().stack());
    List<String> said = new ArrayList<>();
    if (order.ordered()) {
      said.add("deploy order: " + order);
    }
    if (!after.isEmpty()) {
      said.add("deployed after " + String.join(", ", after) + " (" + AppOrder.LABEL + ")");
    }
    Optional<String> ordering = said.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", said));
    return Next.done(in.known().result(AppStatus.CHANGED, Optional.empty(), ordering, Recording.texts(in.read().images())));
  }
}
