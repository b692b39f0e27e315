package se.kth.aspen.core.pass;

/**
 * One stage of a target's chain: it takes the previous stage's output and gives the next stage's
 * input, or the target's result. A stage that cannot go on for a reason a user can act on throws
 * {@link StepFailure}; the {@link Chain} turns that, and anything unexpected, into a FAILED
 * result in this stage's {@link #step()}.
 *
 * @param <I> what the previous stage gave
 * @param <O> what the next stage takes ({@link Finished} for a last stage)
 */
interface Stage<I extends Progress, O extends Progress> {

  /** The step this stage is, as results, the API and notices name it. */
  Step step();

  Next<O> apply(I in) throws StepFailure, Deploying.Failed;
}
