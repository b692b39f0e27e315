package se.kth.aspen.vault;

/**
 * The HMAC matches but the decrypted bytes do not end in valid PKCS#7 padding, so whoever
 * encrypted the file did it wrongly. (ansible-vault crashes on such a file.)
 */
public final class CorruptVaultException extends VaultException {

  private static final long serialVersionUID = 1L;

  CorruptVaultException(String message) {
    super(message);
  }
}
