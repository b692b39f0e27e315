/**
 * Ansible Vault, byte-compatible with {@code ansible-vault} (format 1.1 and 1.2, AES256), and the
 * {@link se.kth.aspen.core.port.SecretStore} that unlocks an application's {@code secrets.env}
 * and vaulted files in memory, without a Python process per file.
 *
 * <p>{@link se.kth.aspen.vault.AnsibleVault} is the codec, {@link
 * se.kth.aspen.vault.VaultSecretStore} the adapter; everything else is package-private. Failures
 * are subtypes of {@link se.kth.aspen.vault.VaultException}, one per cause. Depends on aspen-core
 * (and the Jackson YAML it brings) and JDK crypto only, so another JVM tool can embed it.
 */
package se.kth.aspen.vault;
