package se.kth.aspen.vault;

/**
 * The header names a cipher other than {@code AES256}, the only one ansible-vault reads or
 * writes. (The version field is not checked, as ansible-vault does not check it.)
 */
public final class UnsupportedCipherException extends VaultException {

  private static final long serialVersionUID = 1L;

  UnsupportedCipherException(String message) {
    super(message);
  }
}
