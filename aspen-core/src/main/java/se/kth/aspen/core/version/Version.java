package se.kth.aspen.core.version;

import java.util.Comparator;
import java.util.Optional;

/** A release's major.minor.patch, ordered numerically. */
public record Version(long major, long minor, long patch) implements Comparable<Version> {

  private static final Comparator<Version> ORDER =
      Comparator.comparingLong(Version::major).thenComparingLong(Version::minor).thenComparingLong(Version::patch);

  public Version {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers are never negative: " + major + "." + minor + "." + patch);
    }
  }

  /** The version of three runs of digits, or empty when one does not fit a {@code long}. */
  static Optional<Version> of(String major, String minor, String patch) {
    try {
      return Optional.of(new Version(Long.parseLong(major), Long.parseLong(minor), Long.parseLong(patch)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public int compareTo(Version other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
