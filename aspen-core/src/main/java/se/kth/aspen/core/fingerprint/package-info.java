/**
 * Fingerprints: what a target's desired state is, as one hash, compared with the last good and
 * the last failed deploy to decide whether anything needs doing (CONTRACT §6, issue 12).
 */
package se.kth.aspen.core.fingerprint;
