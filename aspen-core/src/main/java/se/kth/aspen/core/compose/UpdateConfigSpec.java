package se.kth.aspen.core.compose;

import java.time.Duration;
import java.util.Optional;

/** {@code deploy.update_config} or {@code deploy.rollback_config}. */
public record UpdateConfigSpec(
    Optional<Integer> parallelism,
    Optional<Duration> delay,
    Optional<String> failureAction,
    Optional<Duration> monitor,
    Optional<Double> maxFailureRatio,
    Optional<String> order) {}
