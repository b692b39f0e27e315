package se.kth.aspen.vault;

/**
 * Vault content or a password could not be used. The message says what was attempted and why
 * it failed; it never holds plaintext or a password. Each cause has its own subtype so a caller
 * (and a test) can tell a wrong password from a damaged file.
 */
public abstract sealed class VaultException extends Exception
    permits NotAVaultException,
        UnsupportedCipherException,
        MalformedVaultException,
        WrongPasswordException,
        CorruptVaultException,
        PasswordFileException {

  private static final long serialVersionUID = 1L;

  VaultException(String message) {
    super(message);
  }

  VaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
