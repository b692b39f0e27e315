package se.kth.aspen.core.version;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image tag read as a release: {@code 2.9.202} or {@code 2.9.202_3b01b96} (a build suffix,
 * usually the commit, after {@code _}).
 *
 * <p>Other shapes are not releases and never satisfy a range:
 *
 * <ul>
 *   <li>{@code v2.9.202}: the registries Aspen serves never push it, and accepting it would make
 *       {@code v2.9.202} and {@code 2.9.202} rivals for one version with no rule to choose;
 *   <li>pre-releases, {@code 2.9.202-rc.1}: a range is what teams let roll out unattended, and a
 *       release candidate must never be picked up by one (semver treats them alike);
 *   <li>{@code latest}, {@code 2.9}, anything else.
 * </ul>
 *
 * <p>Among tags of the same version, the order is: a tag with a build suffix above the bare tag
 * (the suffix names the exact build, as KTH's pipelines tag), then suffixes by plain string
 * order. Any fixed rule would do; this one is total, so the choice never depends on the order the
 * registry lists tags in.
 */
public record TagVersion(String tag, Version version, Optional<String> build) implements Comparable<TagVersion> {

  // Numbers are capped at 9 digits so they always fit a long and "00000000000000000001" is not a release.
  private static final Pattern SHAPE =
      Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(?:_([0-9A-Za-z][0-9A-Za-z.-]{0,100}))?");

  private static final Comparator<TagVersion> ORDER = Comparator.comparing(TagVersion::version)
      .thenComparing(t -> t.build().isPresent())
      .thenComparing(t -> t.build().orElse(""));

  /** The tag as a release, or empty when it is not of a release shape. */
  public static Optional<TagVersion> parse(String tag) {
    Matcher m = SHAPE.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    Version version = new Version(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    return Optional.of(new TagVersion(tag, version, Optional.ofNullable(m.group(4))));
  }

  @Override
  public int compareTo(TagVersion other) {
    return ORDER.compare(this, other);
  }
}
