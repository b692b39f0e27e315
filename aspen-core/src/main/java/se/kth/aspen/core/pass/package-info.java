/**
 * The pass: discover the targets, select them, and take each selected target through its steps
 * ({@link se.kth.aspen.core.pass.Step}, in this order): Read (hash the stack's directory, and parse
 * only when the images name variables), Resolve (version ranges to tags), Decide (against what is
 * recorded); then only for a changed target Read (interpolate and confine), Check (policies),
 * Lease, Decide again under the lease, Unlock (secrets in memory), Resolve (tags to digests, when
 * pinning), Deploy, Verify and Record. A plan stops after Check; an adopting pass compares
 * (Adopt) and records. Each stage is a small type with an input and an output record;
 * {@link se.kth.aspen.core.pass.TargetRun} runs them top to bottom and turns every way out into an
 * {@link se.kth.aspen.core.pass.AppResult}, whose {@code step} is the name of the step shown to
 * users ({@code Read}, {@code Deploy}, or a violated policy's name).
 *
 * <p>{@link se.kth.aspen.core.pass.Pass} is the entry; {@link se.kth.aspen.core.pass.PassReport}
 * and {@link se.kth.aspen.core.pass.AppResult} are what it gives back. The engine's deploy
 * warnings join the stack file's own in {@link se.kth.aspen.core.pass.AppResult#warnings()}.
 */
package se.kth.aspen.core.pass;
