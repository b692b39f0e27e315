package se.kth.aspen.swarm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import se.kth.aspen.core.port.RefusedException;

/** Reads files a stack names, never outside the stack's directory (aspen-core's ConfinedPath rule). */
final class ConfinedFiles {

  private final Path directory;
  private final String stackFile;

  ConfinedFiles(Path directory, String stackFile) {
    this.directory = directory.toAbsolutePath().normalize();
    this.stackFile = stackFile;
  }

  String stackFile() {
    return stackFile;
  }

  Path directory() {
    return directory;
  }

  /** The file's bytes; {@code what} names the reference in messages ("env_file of service web"). */
  byte[] read(String written, String what) throws RefusedException {
    Path path = resolve(written, what);
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new RefusedException(stackFile + ": cannot read " + what + " \"" + written + "\" (" + e.getMessage() + ")", e);
    }
  }

  Path resolve(String written, String what) throws RefusedException {
    if (Path.of(written).isAbsolute()) {
      throw new RefusedException(stackFile + ": " + what + " \"" + written
          + "\" is an absolute path; only paths inside the application directory are allowed");
    }
    Path path = directory.resolve(written).normalize();
    if (!path.startsWith(directory)) {
      throw new RefusedException(stackFile + ": " + what + " \"" + written + "\" escapes the application directory");
    }
    try {
      Path real = path.toRealPath();
      if (!real.startsWith(directory.toRealPath())) {
        throw new RefusedException(stackFile + ": " + what + " \"" + written
            + "\" leads outside the application directory through a symbolic link");
      }
      return real;
    } catch (IOException e) {
      throw new RefusedException(stackFile + ": " + what + " \"" + written + "\" does not exist", e);
    }
  }
}
