package se.kth.aspen.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads a password file as ansible-vault does (VAULT.md §3): raw bytes, never decoded, with
 * exactly the ASCII whitespace set trimmed at both ends.
 *
 * <p>An executable file is refused rather than run: ansible-vault would run it as a password
 * script, and Aspen runs no program named by its configuration. This loses no working setup,
 * because ansible-vault itself fails on a plain-text password file that has an execute bit.
 */
final class PasswordFile {

  private PasswordFile() {}

  static byte[] read(Path file) throws PasswordFileException {
    if (!Files.exists(file)) {
      throw new PasswordFileException("the vault password file " + file + " was not found");
    }
    if (Files.isDirectory(file)) {
      throw new PasswordFileException("the vault password file " + file + " is a directory");
    }
    if (isExecutable(file)) {
      throw new PasswordFileException("the vault password file " + file
          + " is executable; ansible-vault would run it as a script, but Aspen runs no password scripts:"
          + " put the password itself in a file without execute permission");
    }
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new PasswordFileException("the vault password file " + file + " was not found", e);
    } catch (IOException e) {
      throw new PasswordFileException(
          "the vault password file " + file + " could not be read: " + e.getClass().getSimpleName(), e);
    }
    byte[] password = trim(content);
    Arrays.fill(content, (byte) 0);
    if (password.length == 0) {
      throw new PasswordFileException(
          "the vault password file " + file + " holds no password (it is empty or only whitespace)");
    }
    return password;
  }

  /** Trims space, tab, LF, CR, VT and FF at both ends, nothing else (not {@code String.trim}). */
  static byte[] trim(byte[] content) {
    int from = 0;
    int to = content.length;
    while (from < to && isAsciiSpace(content[from])) {
      from++;
    }
    while (to > from && isAsciiSpace(content[to - 1])) {
      to--;
    }
    return Arrays.copyOfRange(content, from, to);
  }

  static boolean isAsciiSpace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C;
  }

  /** Any execute bit, as ansible's {@code is_executable}; not "executable by us", which root always is. */
  private static boolean isExecutable(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, new LinkOption[0]);
      return permissions.contains(PosixFilePermission.OWNER_EXECUTE)
          || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
          || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
    } catch (UnsupportedOperationException | IOException e) {
      return Files.isExecutable(file);
    }
  }
}
