package se.kth.aspen.vault;

/**
 * The envelope is broken before any key is involved: a header without version or cipher, a body
 * of odd length or with a non-hex character, or fewer than the three parts salt, HMAC and
 * ciphertext. Usually a file that was cut or edited by hand.
 */
public final class MalformedVaultException extends VaultException {

  private static final long serialVersionUID = 1L;

  MalformedVaultException(String message) {
    super(message);
  }
}
