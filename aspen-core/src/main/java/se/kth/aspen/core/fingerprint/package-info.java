/**
 * Fingerprints: what a target's desired state is, as one hash, compared with the last good and
 * the last failed deploy to decide whether anything needs doing (aspen-core/README.md). The
 * {@code DigestCache} and {@code TreeListing} only avoid recomputing a directory's digest when a
 * stat of every file in it shows nothing changed; they never change what the digest is.
 */
package se.kth.aspen.core.fingerprint;
