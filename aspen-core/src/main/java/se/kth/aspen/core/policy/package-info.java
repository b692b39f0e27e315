/**
 * The rules a stack must follow before Aspen deploys it. Each rule is its own small
 * {@link se.kth.aspen.core.policy.Policy}; {@link se.kth.aspen.core.policy.PolicySettings} says
 * which ones are enforced ({@link se.kth.aspen.core.policy.PolicyName}, all of them by default)
 * and what each asks for; {@link se.kth.aspen.core.policy.Policies} runs the enforced ones and
 * returns every {@link se.kth.aspen.core.policy.Violation} of a stack at once, and the warnings
 * of the rules that warn rather than refuse ({@link se.kth.aspen.core.policy.HostBindPolicy} under
 * {@code HOST_BIND_POLICY=warn}).
 * {@link se.kth.aspen.core.policy.StackValidation} is the offline read-and-check behind
 * {@code aspen validate}.
 */
package se.kth.aspen.core.policy;
