package se.kth.aspen.core.pass;

import java.util.Optional;

/**
 * Adopt: an adopting pass goes on to record a target only when its cluster already runs the
 * desired state ({@link Adopting}); otherwise the target is CHANGED, saying why a deploying pass
 * would deploy it.
 */
final class AdoptStage implements Stage<CheckStage.Checked<DecideStage.Decided>, CheckStage.Checked<DecideStage.Decided>> {

  private final TargetContext context;

  AdoptStage(TargetContext context) {
    this.context = context;
  }

  @Override
  public Step step() {
    return Step.ADOPT;
  }

  @Override
  public Next<CheckStage.Checked<DecideStage.Decided>> apply(CheckStage.Checked<DecideStage.Decided> in) throws StepFailure {
    Adopting.Output compared = new Adopting(context.pass().ports().orchestrator(), context.pass().digests())
        .compare(new Adopting.Input(context.cluster(), context.target().application(), in.read().images(), context.deadline()));
    if (compared.runsDesiredState()) {
      return Next.go(in);
    }
    return Next.done(in.known().result(AppStatus.CHANGED, Optional.empty(),
        Optional.of("would deploy: " + compared.wouldDeployBecause().get()), Recording.texts(in.read().images())));
  }
}
