package se.kth.aspen.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Aspen's image as this module's build made it before the ITs (scripts/build-image.sh
 * --content-tag): its tag names its content, so another checkout's build never moves it.
 */
final class AspenImage {

  private AspenImage() {}

  /** The tag, read from the file the build wrote; a clear failure when the build skipped it. */
  static String tag() {
    String file = System.getProperty("aspen.image.file", "target/aspen-image.tag");
    try {
      return Files.readString(Path.of(file)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("no image of Aspen: " + file + " is missing (was the build run with"
          + " -Daspen.image.skip=true, or the ITs without Maven's pre-integration-test phase?)", e);
    }
  }
}
