/**
 * What people are told (aspen-core/README.md, "Notices"): deployment notices and recommendations from a stack's
 * labels, error messages, and the de-duplication that keeps a persisting error from flooding a
 * channel.
 */
package se.kth.aspen.core.notice;
