/** Ansible Vault codec (byte-compatible with ansible-vault) and the SecretStore adapter. */
package se.kth.aspen.vault;
