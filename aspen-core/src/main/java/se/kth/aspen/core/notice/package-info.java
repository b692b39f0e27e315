/**
 * What people are told and when (aspen-core/README.md, "Notices"): the deployment notice and
 * the recommendations of a deployed stack, from its services and labels, and the
 * de-duplication that keeps a persisting error from flooding a channel. The notices are typed
 * facts; how they read and what goes on the wire is the notifier adapter's.
 */
package se.kth.aspen.core.notice;
