package se.kth.aspen.core.pass;

import java.util.Map;
import se.kth.aspen.core.compose.ServiceLabels;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.StackOwner;

/**
 * Deploy and Verify: the orchestrator applies the stack, and it converges or is rolled back
 * ({@link Deploying}, which reports a failure in Deploy or Verify). The engine's warnings join
 * the target's.
 */
final class DeployStage implements Stage<PinStage.Pinned, DeployStage.Deployed> {

  /** @param images what each service was deployed with */
  record Deployed(Known known, RedecideStage.Redecided decided, Map<String, ImageReference> images) implements Progress {}

  private final TargetContext context;

  DeployStage(TargetContext context) {
    this.context = context;
  }

  @Override
  public Step step() {
    return Step.DEPLOY;
  }

  @Override
  public Next<Deployed> apply(PinStage.Pinned in) throws Deploying.Failed {
    PassContext pass = context.pass();
    RedecideStage.Redecided decided = in.unlocked().decided();
    Reading.Output read = decided.checked().read();
    Unlocking.Output unlocked = in.unlocked().unlocked();
    DeployRequest request = unlocked.request(context.cluster(), context.target().application(), in.images(), pass.settings().prune())
        .owned(new StackOwner(pass.settings().group(), context.cluster().name(), decided.checked().decided().fingerprint().hex()));
    Deploying.Output deployed = new Deploying(pass.ports().orchestrator()).deploy(new Deploying.Input(request,
        pass.settings().verify(), rollbackOnFailure(read.stack()), context.deadline(), decided.lease()::confirm));
    return Next.go(new Deployed(in.known().warned(deployed.outcome().warnings()), decided, in.images()));
  }

  /** The stack's {@value PassSettings#ROLLBACK_LABEL} on its first service that has one, else the setting. */
  private boolean rollbackOnFailure(StackModel stack) {
    for (var service : stack.services().values()) {
      var label = ServiceLabels.value(service, PassSettings.ROLLBACK_LABEL);
      if (label.isPresent()) {
        return Boolean.parseBoolean(label.get());
      }
    }
    return context.pass().settings().rollbackOnFailure();
  }
}
