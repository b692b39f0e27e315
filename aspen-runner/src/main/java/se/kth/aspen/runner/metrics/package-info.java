/**
 * What the runner tells Prometheus: pass durations, apps by status, deploys, failures by step,
 * the last pass's time and registry revision, plus the JVM's own metrics. Dashboards and alerts
 * rely on these names; they do not change.
 */
package se.kth.aspen.runner.metrics;
