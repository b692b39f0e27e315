/**
 * The rules a stack must follow before Aspen deploys it. Each rule is its own small
 * {@link se.kth.aspen.core.policy.Policy}; {@link se.kth.aspen.core.policy.PolicySettings} says
 * which ones are enforced ({@link se.kth.aspen.core.policy.PolicyName}, all of them by default)
 * and what each asks for; {@link se.kth.aspen.core.policy.Policies} runs the enforced ones and
 * returns every {@link se.kth.aspen.core.policy.Violation} of a stack at once, and the warnings
 * of the rules that warn rather than refuse ({@link se.kth.aspen.core.policy.HostBindPolicy} under
 * {@code HOST_BIND_POLICY=warn}).
 * {@link se.kth.aspen.core.policy.ValidationReport} is what {@code aspen validate} tells of a
 * file; the pass's own Read and Check stages produce it ({@code se.kth.aspen.core.pass.StackValidation}).
 */
package se.kth.aspen.core.policy;
