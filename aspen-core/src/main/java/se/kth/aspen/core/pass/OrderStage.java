package se.kth.aspen.core.pass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Order: a deploy of an app labelled to follow others ({@value AppOrder#LABEL}) waits until they
 * are done with in this pass; one that cannot follow them is SKIPPED, saying why.
 */
final class OrderStage implements Stage<CheckStage.Checked<DecideStage.Decided>, CheckStage.Checked<DecideStage.Decided>> {

  private final TargetContext context;

  OrderStage(TargetContext context) {
    this.context = context;
  }

  @Override
  public Step step() {
    return Step.ORDER;
  }

  @Override
  public Next<CheckStage.Checked<DecideStage.Decided>> apply(CheckStage.Checked<DecideStage.Decided> in) {
    List<String> after = AppOrder.dependencies(in.read().stack());
    if (after.isEmpty()) {
      return Next.go(in);
    }
    List<String> warnings = new ArrayList<>();
    Optional<String> waiting = context.pass().order().await(context.cluster().name(), context.target().application(), after,
        context.deadline(), warnings::add);
    Known known = in.known().warned(warnings);
    if (waiting.isPresent()) {
      return Next.done(known.result(AppStatus.SKIPPED, Optional.of(Step.ORDER.shown()), waiting, Map.of()));
    }
    return Next.go(in.with(known));
  }
}
