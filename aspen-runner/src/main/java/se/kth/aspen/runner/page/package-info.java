/**
 * The status page served at {@code GET /}: the last pass's results as a table of apps by
 * cluster, rendered on the server (readable without JavaScript), the last passes as an inline
 * SVG timeline, and what the page's script follows live ({@link PassEvents}, sent as
 * server-sent events by the HTTP API). Shows nothing {@code /api/v1/applications} does not.
 */
package se.kth.aspen.runner.page;
