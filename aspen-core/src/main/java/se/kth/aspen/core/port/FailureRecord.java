package se.kth.aspen.core.port;

import java.time.Instant;

/**
 * A deploy that was tried and failed: this desired state is not applied again until it changes,
 * a retry is asked for, or the optional backoff expires.
 *
 * @param fingerprint the desired state that failed
 * @param since when it first failed
 * @param step the step that failed ({@code Verify}, {@code Deploy})
 * @param reason what went wrong, as reported
 * @param attempts how many times this same state was tried
 */
public record FailureRecord(String fingerprint, Instant since, String step, String reason, int attempts) {}
