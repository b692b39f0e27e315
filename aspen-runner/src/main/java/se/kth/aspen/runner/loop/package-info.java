/**
 * The sync loop: one pass after another, never two at once, started and stopped from the API,
 * woken at once by a trigger, surviving anything a pass throws, and ending within a bound on
 * shutdown.
 */
package se.kth.aspen.runner.loop;
