/**
 * What people are told (CONTRACT §7): deployment notices and recommendations from a stack's
 * labels, error messages, and the de-duplication that keeps a persisting error from flooding a
 * channel.
 */
package se.kth.aspen.core.notice;
