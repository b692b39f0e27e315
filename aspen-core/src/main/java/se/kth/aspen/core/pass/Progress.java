package se.kth.aspen.core.pass;

/**
 * What every stage of a target's chain takes and gives: whatever it carries for the next stage,
 * and what is {@link Known} of the target so far, so that a failure in any stage can be reported
 * with all of it.
 */
interface Progress {

  Known known();
}
