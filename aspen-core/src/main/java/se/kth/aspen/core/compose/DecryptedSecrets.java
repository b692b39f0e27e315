package se.kth.aspen.core.compose;

import java.nio.file.Path;

/**
 * The one rule for {@code secrets.decrypted.env}, shared by reading, validating, unlocking and
 * deploying: an {@code env_file} entry that names {@value #FILE_NAME} in the stack file's own
 * directory ({@code secrets.decrypted.env}, {@code ./secrets.decrypted.env}, any spelling that
 * normalises to it) is not a file but stands for the application's {@value #SECRETS_FILE} beside
 * the stack file, decrypted in memory. The same name in another directory ({@code
 * conf/secrets.decrypted.env}) is refused when the stack is read: it would read as a reference
 * to a {@value #SECRETS_FILE} that is not there, or as a plaintext secrets file kept in git.
 */
public final class DecryptedSecrets {

  /** The name an {@code env_file} entry uses for the decrypted secrets. */
  public static final String FILE_NAME = "secrets.decrypted.env";

  /** The vaulted file the reference stands for, beside the stack file. */
  public static final String SECRETS_FILE = "secrets.env";

  private DecryptedSecrets() {}

  /** True when the {@code env_file} entry, as written, stands for the decrypted secrets. */
  public static boolean isReference(String envFile) {
    try {
      return Path.of(envFile).normalize().toString().equals(FILE_NAME);
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /**
   * True when the entry names {@value #FILE_NAME} somewhere other than the stack file's
   * directory, which a stack file may not do.
   */
  static boolean misplaced(String envFile) {
    try {
      Path name = Path.of(envFile).getFileName();
      return name != null && name.toString().equals(FILE_NAME) && !isReference(envFile);
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /** Why a misplaced entry is refused, in words a stack's author can act on. */
  static String misplacedReason(String envFile) {
    return "env_file \"" + envFile + "\": " + FILE_NAME + " stands for the decrypted " + SECRETS_FILE
        + " beside the stack file and cannot be in another directory; write it as \"" + FILE_NAME + "\"";
  }
}
