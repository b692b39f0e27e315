package se.kth.aspen.vault;

/** The content is not an Ansible Vault: it is not all ASCII or does not start with {@code $ANSIBLE_VAULT}. */
public final class NotAVaultException extends VaultException {

  private static final long serialVersionUID = 1L;

  NotAVaultException(String message) {
    super(message);
  }
}
