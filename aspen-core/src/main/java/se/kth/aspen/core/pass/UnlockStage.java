package se.kth.aspen.core.pass;

/**
 * Unlock: the files the stack names read (env files parsed), {@code secrets.env} and vaulted bind
 * files decrypted, all in memory ({@link Unlocking}): what the deploy request is built from.
 */
final class UnlockStage implements Stage<RedecideStage.Redecided, UnlockStage.Unlocked> {

  record Unlocked(Known known, RedecideStage.Redecided decided, Unlocking.Output unlocked) implements Progress {}

  private final TargetContext context;

  UnlockStage(TargetContext context) {
    this.context = context;
  }

  @Override
  public Step step() {
    return Step.UNLOCK;
  }

  @Override
  public Next<Unlocked> apply(RedecideStage.Redecided in) throws StepFailure {
    Unlocking.Output unlocked = new Unlocking(context.pass().ports().secrets())
        .unlock(new Unlocking.Input(context.target(), in.checked().read().stack()));
    return Next.go(new Unlocked(in.known(), in, unlocked));
  }
}
