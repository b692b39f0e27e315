/**
 * Notifier adapter: tells people about deploys, errors and advice the way the old tool did, by
 * HTTP PUT of the JSON bodies aspen-notify/README.md describes to Alvares (or any service that takes them).
 * Core's notices are typed facts; the wire format is all here: the field names and the label
 * fields ({@code NoticeJson}), the texts in Slack's markup ({@code SlackText}), and the plain
 * log lines ({@code PlainText}).
 *
 * <p>{@link se.kth.aspen.notify.HttpNotifier} is asynchronous: notices wait on a bounded queue
 * that drops its oldest message when full, and one sender thread delivers them with timeouts and
 * a few retries, so a notifier that is down or slow never blocks or fails a deploy. {@link
 * se.kth.aspen.notify.LogNotifier} only logs, for when no URL is configured. Everything else in
 * the package is internal.
 */
package se.kth.aspen.notify;
