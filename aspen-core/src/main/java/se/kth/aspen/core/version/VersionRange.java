package se.kth.aspen.core.version;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's environment asks for in place of a tag, read exactly as the Python tool read
 * it, so that switching tools never changes what a stack deploys:
 *
 * <ul>
 *   <li>{@code ~M.m.p}: the newest release of {@code M.m};
 *   <li>{@code ^M.m.p}: the newest release of {@code M};
 *   <li>{@code M.m.p}: the newest release of {@code M.m.p}.
 * </ul>
 *
 * <p>Each may end in {@code _anything}, which is ignored ({@code 1.2.3_def} asks for version 1.2.3,
 * whatever its build); the lower numbers are not a lower bound ({@code ~1.2.5} takes {@code
 * 1.2.3_x} when that is the newest {@code 1.2}). Only releases are candidates ({@link TagVersion}:
 * tags with a {@code _}). Among releases of one version the first the registry lists wins, as
 * there: a Docker registry lists tags in string order.
 *
 * <p>Written by hand rather than with a semver library: the libraries implement npm's or Cargo's
 * grammar, whose rules differ from the old tool's; the rules here are a few lines.
 *
 * @param text the range as written, for messages
 */
public record VersionRange(Kind kind, Version base, String text) {

  /** How far from the base a range reaches. */
  public enum Kind {
    /** {@code ~}: same major and minor. */
    PATCHES,
    /** {@code ^}: same major. */
    MINORS,
    /** Same major, minor and patch. */
    EXACT
  }

  private static final Pattern SHAPE =
      Pattern.compile("([~^]?)(0|[1-9][0-9]*)\\.([0-9]+)\\.([0-9]+)(?:_.*)?", Pattern.DOTALL);

  /** What every message about a value that is not a range lists. */
  public static final String FORMS = "~M.m.p, ^M.m.p or M.m.p, each optionally followed by _suffix";

  public VersionRange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(text, "text");
  }

  /**
   * Reads a range.
   *
   * @throws IllegalArgumentException naming the text when it is not one of the {@link #FORMS}
   */
  public static VersionRange parse(String text) {
    return read(text).orElseThrow(() -> new IllegalArgumentException(
        "\"" + text + "\" is not a version range: expected " + FORMS));
  }

  /** The range, or empty when the text is not one. Surrounding blanks are ignored. */
  public static Optional<VersionRange> read(String text) {
    String written = text.strip();
    Matcher m = SHAPE.matcher(written);
    if (!m.matches()) {
      return Optional.empty();
    }
    Kind kind = switch (m.group(1)) {
      case "~" -> Kind.PATCHES;
      case "^" -> Kind.MINORS;
      default -> Kind.EXACT;
    };
    return Version.of(m.group(2), m.group(3), m.group(4)).map(base -> new VersionRange(kind, base, written));
  }

  /**
   * What is wrong with the value a tag's variable is given when it is not a range: the message
   * every report of it uses.
   */
  public static String notAVersion(String variable, String value) {
    String is = value.isBlank() ? "has no value" : "is \"" + value + "\"";
    return "the image's tag variable " + variable + " " + is + ", which is not a version (expected " + FORMS + ")";
  }

  /** Whether the release is one this range accepts. */
  public boolean accepts(TagVersion tag) {
    Version v = tag.version();
    return switch (kind) {
      case PATCHES -> v.major() == base.major() && v.minor() == base.minor();
      case MINORS -> v.major() == base.major();
      case EXACT -> v.equals(base);
    };
  }

  /**
   * The highest accepted release among the candidates, the first listed among equals; tags that are
   * not releases are passed over.
   */
  public Optional<String> best(Collection<String> tags) {
    TagVersion best = null;
    for (String tag : tags) {
      Optional<TagVersion> parsed = TagVersion.parse(tag);
      if (parsed.isPresent() && accepts(parsed.get())
          && (best == null || parsed.get().version().compareTo(best.version()) > 0)) {
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
