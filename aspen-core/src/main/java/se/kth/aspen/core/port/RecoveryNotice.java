package se.kth.aspen.core.port;

import java.util.Optional;

/**
 * A target that had failed deploys successfully again: the people told about the
 * failure hear that it is over.
 *
 * @param message e.g. {@code Recovered: *active/app* deployed 2.9.202_3b01b96 (failing in step
 *     _Verify_ since 2026-01-01T10:00:00Z)}
 */
public record RecoveryNotice(String message, Optional<String> slackChannels) {}
