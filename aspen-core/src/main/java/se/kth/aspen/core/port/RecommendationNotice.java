package se.kth.aspen.core.port;

import java.util.Optional;

/** Advice for a deployed stack, such as a missing recommended label. */
public record RecommendationNotice(String message, Optional<String> slackChannels) {}
