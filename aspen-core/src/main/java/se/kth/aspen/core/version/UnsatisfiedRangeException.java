package se.kth.aspen.core.version;

/**
 * No tag of a repository satisfies a service's range: {@code no tag of NAME satisfies ~2.9.0;
 * pushed yet?}. The stack is fine; the image is not there (yet).
 */
public final class UnsatisfiedRangeException extends Exception {

  public UnsatisfiedRangeException(String repository, VersionRange range) {
    super("no tag of " + repository + " satisfies " + range + "; pushed yet?");
  }
}
