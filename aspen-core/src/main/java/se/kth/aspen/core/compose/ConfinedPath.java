package se.kth.aspen.core.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Paths written in a stack file ({@code env_file}, relative bind sources, secret and config files)
 * must stay inside the stack file's directory: no absolute paths, no {@code ..}
 * that climbs out, no symbolic link that leads out. The directory is the one holding the stack
 * file, {@code <application>/<cluster>}, because that is what the fingerprint covers: a file
 * outside it could change without the stack ever being redeployed.
 */
public final class ConfinedPath {

  private ConfinedPath() {}

  /**
   * Checks a written path without touching the file system: it must be relative and, once
   * {@code .} and {@code ..} are resolved, still inside.
   *
   * @return the normalised relative path
   * @throws PathEscapeException naming the written path when it is absolute or climbs out
   */
  public static Path check(String written) throws PathEscapeException {
    if (written.isEmpty() || written.indexOf('\0') >= 0) {
      throw new PathEscapeException("path \"" + printable(written) + "\" is not a usable file name");
    }
    Path path;
    try {
      path = Path.of(written);
    } catch (InvalidPathException e) {
      throw new PathEscapeException("path \"" + printable(written) + "\" is not a usable file name");
    }
    if (path.isAbsolute() || written.startsWith("~")) {
      throw new PathEscapeException("path \"" + written
          + "\" is absolute; write it relative to the stack file's directory and keep the file there");
    }
    Path normal = path.normalize();
    if (normal.startsWith("..") || normal.toString().isEmpty()) {
      throw new PathEscapeException("path \"" + written + "\" leads out of the stack file's directory");
    }
    return normal;
  }

  /**
   * Resolves a written path against {@code dir}, following symbolic links: the file (or, when it
   * does not exist yet, its nearest existing parent) must really be inside {@code dir}.
   *
   * @return the resolved path (the real path when the file exists)
   * @throws PathEscapeException naming the written path when it is absolute or leads out of
   *     {@code dir}, directly or through a symbolic link
   */
  public static Path resolve(Path dir, String written) throws PathEscapeException {
    Path relative = check(written);
    try {
      Path realDir = dir.toRealPath();
      Path candidate = realDir.resolve(relative);
      Path existing = candidate;
      while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        existing = existing.getParent();
      }
      if (existing == null || !existing.toRealPath().startsWith(realDir)) {
        throw new PathEscapeException("path \"" + written + "\" leads out of the stack file's directory through a symbolic link");
      }
      return existing.equals(candidate) ? candidate.toRealPath() : candidate;
    } catch (IOException e) {
      throw new PathEscapeException("path \"" + written + "\" cannot be resolved: " + e.getMessage());
    }
  }

  private static String printable(String text) {
    return text.replace("\0", "\\0");
  }
}
