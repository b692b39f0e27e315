/**
 * The runner's configuration: every environment name of the old tool plus Aspen's own, read from
 * an injected map (never {@code System.getenv} deep inside), validated all at once so that a bad
 * configuration is reported as one list of every problem.
 */
package se.kth.aspen.runner.config;
