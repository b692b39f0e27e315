package se.kth.aspen.vault;

/**
 * A password could not be had: its file is missing, unreadable, executable (Aspen runs no
 * password scripts) or empty once the surrounding whitespace is trimmed.
 */
public final class PasswordFileException extends VaultException {

  private static final long serialVersionUID = 1L;

  PasswordFileException(String message) {
    super(message);
  }

  PasswordFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
