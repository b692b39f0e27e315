package se.kth.aspen.core.version;

import java.util.Comparator;

/** A release's major.minor.patch, ordered numerically. */
public record Version(long major, long minor, long patch) implements Comparable<Version> {

  private static final Comparator<Version> ORDER =
      Comparator.comparingLong(Version::major).thenComparingLong(Version::minor).thenComparingLong(Version::patch);

  public Version {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers are never negative: " + major + "." + minor + "." + patch);
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
