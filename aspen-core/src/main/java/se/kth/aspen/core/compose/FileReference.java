package se.kth.aspen.core.compose;

import java.util.Optional;

/**
 * A service's reference to a top-level secret or config.
 *
 * @param source the top-level key
 * @param target the file name or path in the container, empty for the default
 * @param mode the file mode, empty for the default (0444)
 */
public record FileReference(
    String source, Optional<String> target, Optional<String> uid, Optional<String> gid, Optional<Integer> mode) {}
