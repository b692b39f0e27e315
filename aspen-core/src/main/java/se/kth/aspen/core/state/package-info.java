/**
 * State stores that need no server: in memory (tests, plans) and an embedded file that survives
 * restarts (the default without {@code REDIS_URL}). Both pass the same contract tests as the
 * Redis store.
 */
package se.kth.aspen.core.state;
