/**
 * Notifier adapter: tells people about deploys, errors and advice the way the old tool did, by
 * HTTP PUT of the JSON bodies aspen-notify/README.md describes to Alvares (or any service that takes them).
 *
 * <p>{@link se.kth.aspen.notify.HttpNotifier} is asynchronous: notices wait on a bounded queue
 * that drops its oldest message when full, and one sender thread delivers them with timeouts and
 * a few retries, so a notifier that is down or slow never blocks or fails a deploy. {@link
 * se.kth.aspen.notify.LogNotifier} only logs, for when no URL is configured. Everything else in
 * the package is internal.
 */
package se.kth.aspen.notify;
