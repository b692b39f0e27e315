/** Notifier adapter: the Alvares-compatible HTTP JSON notifier, asynchronous with a bounded queue. */
package se.kth.aspen.notify;
