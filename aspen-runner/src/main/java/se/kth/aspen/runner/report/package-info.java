/**
 * How pass results are shown: the machine-readable document aspen-runner/README.md describes (for {@code plan
 * --json}, {@code run --once --json} and {@code /api/v1/applications}), the summary table and
 * the one-line progress per app.
 */
package se.kth.aspen.runner.report;
