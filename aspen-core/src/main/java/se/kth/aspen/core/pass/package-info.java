/**
 * The pass: discover the targets, select them, and take each selected target through its chain
 * of stages. {@link se.kth.aspen.core.pass.TargetRun} lists the chain in one place, top to
 * bottom; each stage is a small type ({@link se.kth.aspen.core.pass.Stage}) named by its
 * {@link se.kth.aspen.core.pass.Step}, that takes the previous stage's output and gives either
 * the next stage's input or the target's finished {@link se.kth.aspen.core.pass.AppResult}
 * ({@link se.kth.aspen.core.pass.Next}):
 *
 * <ol>
 *   <li>Read ({@code HashStage}): the names checked, the directory hashed, the stack parsed only
 *       when its images name variables;
 *   <li>Resolve ({@code ResolveStage}): version ranges to tags;
 *   <li>Decide ({@code DecideStage}): UNCHANGED, BLOCKED or DRIFTED end here;
 *   <li>Read ({@code ReadStage}): interpolated, images parsed, paths confined;
 *   <li>Check ({@code CheckStage}): the enforced policies. A plan ends here ({@code PlanStage},
 *       CHANGED); an adopting pass compares (Adopt) and records (Record); a {@code
 *       SKIP_DEPLOYMENT} pass records (Record);
 *   <li>Order: a deploy waits for the apps it is labelled to follow;
 *   <li>Lease ({@code LeaseStage}), and under it: Decide again, Unlock (files read and secrets decrypted, in memory), Pin
 *       (tags to digests, when pinning is on), Deploy and Verify, Record.
 * </ol>
 *
 * <p>A stage knows nothing of the others: what it learnt goes on in its output, and what is known
 * of the target so far ({@link se.kth.aspen.core.pass.Known}) travels with every output. The
 * {@link se.kth.aspen.core.pass.Chain} knows which stage it is calling, so a failure, expected
 * ({@link se.kth.aspen.core.pass.StepFailure}) or not, is reported in that stage's step, shown to
 * users as {@code Read}, {@code Deploy}, or a violated policy's name. The stages call the pieces
 * that do the work ({@code Hashing}, {@code Resolution}, {@code Decision}, {@code Reading},
 * {@code Checking}, {@code Leasing}, {@code Unlocking}, {@code Deploying}, {@code Recording}).
 * {@code aspen validate} ({@link se.kth.aspen.core.pass.StackValidation}) runs the same Read and
 * Check stages on one file, offline.
 *
 * <p>{@link se.kth.aspen.core.pass.Pass} is the entry; {@link se.kth.aspen.core.pass.PassReport}
 * and {@link se.kth.aspen.core.pass.AppResult} are what it gives back. The engine's deploy
 * warnings join the stack file's own in {@link se.kth.aspen.core.pass.AppResult#warnings()}.
 */
package se.kth.aspen.core.pass;
