package se.kth.aspen.core.version;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image tag read as a release the way the Python tool read one: {@code M.m.p_suffix}, such as
 * {@code 2.9.202_3b01b96}. The {@code _} is required (a bare {@code 2.9.202} is never a release: KTH's
 * pipelines always tag with the commit, and the old tool passed bare tags over); the suffix after it
 * may be anything, even empty.
 *
 * <p>The major has no leading zero; minor and patch may have them and are read as numbers ({@code
 * 1.02.3_x} is version 1.2.3). A number too large for a {@code long} makes the tag not a release (the
 * old tool had no limit; no registry holds such a tag). {@code v2.9.202_x}, {@code 2.9.202-rc.1_x},
 * {@code latest}, {@code 2.9_x} are not releases.
 *
 * @param build what follows the {@code _}
 */
public record TagVersion(String tag, Version version, String build) {

  private static final Pattern SHAPE = Pattern.compile("(0|[1-9][0-9]*)\\.([0-9]+)\\.([0-9]+)_(.*)", Pattern.DOTALL);

  /** The tag as a release, or empty when it is not of a release shape. */
  public static Optional<TagVersion> parse(String tag) {
    Matcher m = SHAPE.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Version.of(m.group(1), m.group(2), m.group(3)).map(v -> new TagVersion(tag, v, m.group(4)));
  }
}
