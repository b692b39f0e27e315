package se.kth.aspen.core.compose;

import java.time.Duration;
import java.util.Optional;

/** {@code deploy.restart_policy}. */
public record RestartPolicySpec(
    Optional<String> condition,
    Optional<Duration> delay,
    Optional<Integer> maxAttempts,
    Optional<Duration> window) {}
