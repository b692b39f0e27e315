/**
 * The rules a stack must follow before Aspen deploys it (CONTRACT §5): each rule is its own small
 * {@link se.kth.aspen.core.policy.Policy}; {@link se.kth.aspen.core.policy.Policies} runs them all
 * and returns every {@link se.kth.aspen.core.policy.Violation} of a stack at once.
 * {@link se.kth.aspen.core.policy.StackValidation} is the offline read-and-check behind
 * {@code aspen validate}.
 */
package se.kth.aspen.core.policy;
