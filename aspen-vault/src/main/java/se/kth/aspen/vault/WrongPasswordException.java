package se.kth.aspen.vault;

/**
 * The HMAC does not match: the password is wrong, or the salt, HMAC or ciphertext was changed
 * (the two cannot be told apart, by design of the format).
 */
public final class WrongPasswordException extends VaultException {

  private static final long serialVersionUID = 1L;

  WrongPasswordException(String message) {
    super(message);
  }
}
