package se.kth.aspen.core.version;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's environment asks for in place of a tag (CONTRACT §4): {@code ~M.m.p} (the
 * newest {@code M.m.*} at or above it), {@code ^M.m.p} (the newest {@code M.*.*} at or above
 * it, for {@code 0.x} too, as the contract says; npm would stay within {@code 0.m}), or an exact
 * {@code M.m.p} (the newest build of that version).
 *
 * <p>A build suffix written in the range ({@code ~2.1.3_abc123}, seen in KTH's stack files) does
 * not narrow a {@code ~} or {@code ^} range; in an exact version it pins that one tag.
 *
 * <p>Written by hand rather than with a semver library: the libraries implement npm's or
 * Cargo's full grammar, whose {@code ^0.x} and pre-release rules differ from the contract, and
 * none reads the {@code _build} suffix; the rules here are a few lines.
 *
 * @param text the range as written, for messages
 */
public record VersionRange(Kind kind, Version base, Optional<String> build, String text) {

  /** How far above the base a range reaches. */
  public enum Kind {
    /** {@code ~}: same major and minor. */
    PATCHES,
    /** {@code ^}: same major. */
    MINORS,
    /** The version itself. */
    EXACT
  }

  private static final Pattern SHAPE =
      Pattern.compile("([~^]?)(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(?:_([0-9A-Za-z][0-9A-Za-z.-]{0,100}))?");

  public VersionRange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(text, "text");
  }

  /**
   * Reads a range.
   *
   * @throws IllegalArgumentException naming the text when it is not {@code ~M.m.p}, {@code
   *     ^M.m.p} or {@code M.m.p}
   */
  public static VersionRange parse(String text) {
    return read(text).orElseThrow(() -> new IllegalArgumentException(
        "\"" + text + "\" is not a version range: expected ~M.m.p, ^M.m.p or M.m.p"));
  }

  /** The range, or empty when the text is not one (an ordinary environment value). */
  public static Optional<VersionRange> read(String text) {
    Matcher m = SHAPE.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    Kind kind = switch (m.group(1)) {
      case "~" -> Kind.PATCHES;
      case "^" -> Kind.MINORS;
      default -> Kind.EXACT;
    };
    Version base = new Version(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
    return Optional.of(new VersionRange(kind, base, Optional.ofNullable(m.group(5)), text.strip()));
  }

  /** Whether the tag is a release this range accepts. */
  public boolean accepts(TagVersion tag) {
    Version v = tag.version();
    return switch (kind) {
      case PATCHES -> v.major() == base.major() && v.minor() == base.minor() && v.compareTo(base) >= 0;
      case MINORS -> v.major() == base.major() && v.compareTo(base) >= 0;
      case EXACT -> v.equals(base) && (build.isEmpty() || build.equals(tag.build()));
    };
  }

  /** The highest accepted tag among the candidates; tags that are not releases are passed over. */
  public Optional<String> best(Collection<String> tags) {
    TagVersion best = null;
    for (String tag : tags) {
      Optional<TagVersion> parsed = TagVersion.parse(tag);
      if (parsed.isPresent() && accepts(parsed.get()) && (best == null || parsed.get().compareTo(best) > 0)) {
        best = parsed.get();
      }
    }
    return Optional.ofNullable(best).map(TagVersion::tag);
  }

  @Override
  public String toString() {
    return text;
  }
}
