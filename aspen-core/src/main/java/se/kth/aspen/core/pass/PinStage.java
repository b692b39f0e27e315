package se.kth.aspen.core.pass;

import java.util.Map;
import se.kth.aspen.core.image.ImageReference;

/**
 * Pin: when pinning is on ({@link PassSettings#pinDigests}), each tag is pinned to the digest it
 * points at now, just before the deploy and under the lease, so that the digest is the newest.
 * Otherwise the images go on as read.
 */
final class PinStage implements Stage<UnlockStage.Unlocked, PinStage.Pinned> {

  /** @param images what each service is deployed with, by service */
  record Pinned(Known known, UnlockStage.Unlocked unlocked, Map<String, ImageReference> images) implements Progress {}

  private final TargetContext context;

  PinStage(TargetContext context) {
    this.context = context;
  }

  @Override
  public Step step() {
    return Step.PIN;
  }

  @Override
  public Next<Pinned> apply(UnlockStage.Unlocked in) throws StepFailure {
    Map<String, ImageReference> images = Resolution.pin(in.decided().checked().read().images(), context.pass().digests(),
        context.deadline());
    return Next.go(new Pinned(in.known(), in, images));
  }
}
