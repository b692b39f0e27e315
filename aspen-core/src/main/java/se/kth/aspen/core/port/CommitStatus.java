package se.kth.aspen.core.port;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What Aspen says about one target on the commit it deployed, as a forge shows it beside the
 * commit and its pull request.
 *
 * @param revision the full commit id
 * @param context the name the forge keeps one status per commit under: {@code aspen/<cluster>/<app>}
 * @param description one line, at most {@link #MAX_DESCRIPTION} characters (the forges' common limit)
 * @param link where to read more (the app in Aspen's API), when Aspen's public address is known
 */
public record CommitStatus(String revision, String context, State state, String description, Optional<URI> link) {

  /** GitHub cuts descriptions at 140 characters; the others allow more. */
  public static final int MAX_DESCRIPTION = 140;

  /** The states every forge knows, under its own names. */
  public enum State {
    PENDING,
    SUCCESS,
    FAILURE
  }

  public CommitStatus {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(link, "link");
    if (!revision.matches("[0-9a-f]{7,64}")) {
      throw new IllegalArgumentException("a commit status needs a commit id, not \"" + revision + "\"");
    }
    if (context.isBlank()) {
      throw new IllegalArgumentException("a commit status needs a context");
    }
    if (description.contains("\n") || description.length() > MAX_DESCRIPTION) {
      throw new IllegalArgumentException("a commit status's description is one line of at most " + MAX_DESCRIPTION
          + " characters; use CommitStatus.oneLine");
    }
  }

  /** The first line of a text, cut to fit a description with an ellipsis. */
  public static String oneLine(String text) {
    String line = text.strip().lines().findFirst().orElse("").strip();
    return line.length() <= MAX_DESCRIPTION ? line : line.substring(0, MAX_DESCRIPTION - 1) + "…";
  }
}
