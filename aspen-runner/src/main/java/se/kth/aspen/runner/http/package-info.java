/**
 * The runner's HTTP API on Jetty's core server, the endpoints written against the JDK's
 * {@code HttpExchange}: the old tool's endpoints unchanged, health, Prometheus metrics, the last
 * pass's results, triggers, retries and signed git push webhooks.
 * Mutating endpoints require the bearer token when one is configured.
 */
package se.kth.aspen.runner.http;
