package se.kth.aspen.core.port;

import java.util.Optional;

/** Advice for a deployed stack, such as a missing recommended label (CONTRACT §7). */
public record RecommendationNotice(String message, Optional<String> slackChannels) {}
