package se.kth.aspen.core.port;

import java.util.Optional;

/**
 * An error worth telling people about (aspen-core/README.md, "Notices").
 *
 * @param message e.g. {@code Error deploying *active/app* in step _ResourcePolicy_\n...}
 * @param slackChannels set for expected (user) errors
 * @param stackTrace set for unexpected ones
 */
public record ErrorNotice(String message, Optional<String> slackChannels, Optional<String> stackTrace) {}
