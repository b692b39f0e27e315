package se.kth.aspen.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Objects;
import se.kth.aspen.core.compose.EnvFile;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.SecretEnvironment;
import se.kth.aspen.core.port.SecretStore;

/**
 * Applications' secrets from Ansible Vault files, decrypted in memory only.
 *
 * <p>The master password is read from a password file ({@code VAULT_KEY_PATH}) and opens the
 * passwords file ({@code APP_PWD_FILE_PATH}), which maps application names to their passwords
 * (see {@link AppPasswords} for the two YAML forms and how values become bytes). Both files are
 * read again on every call, and decrypted and parsed again only when their bytes change, so a
 * rotated password is picked up on the next pass without a restart.
 *
 * <p>{@code secrets.env} is read with the env-file rules of {@code docker stack deploy}. A line
 * naming a variable without a value ({@code KEY} alone) is left out: the docker CLI would fill
 * it from its own environment, and Aspen's process environment is not something to hand to
 * services.
 *
 * <p>Every failure is a {@link RefusedException} naming the application and the file; none holds
 * plaintext or a password.
 */
public final class VaultSecretStore implements SecretStore {

  private final Path masterPasswordFile;
  private final Path passwordsFile;
  private final AnsibleVault vault;
  private Loaded loaded;

  /** The passwords file as last decrypted, with the inputs it was decrypted from. */
  private record Loaded(byte[] masterPassword, byte[] passwordsVault, AppPasswords passwords) {}

  /**
   * @param masterPasswordFile {@code VAULT_KEY_PATH}, read as ansible-vault reads a password file
   * @param passwordsFile {@code APP_PWD_FILE_PATH}, a vault encrypted with the master password
   */
  public VaultSecretStore(Path masterPasswordFile, Path passwordsFile) {
    this(masterPasswordFile, passwordsFile, new AnsibleVault());
  }

  public VaultSecretStore(Path masterPasswordFile, Path passwordsFile, AnsibleVault vault) {
    this.masterPasswordFile = Objects.requireNonNull(masterPasswordFile, "masterPasswordFile");
    this.passwordsFile = Objects.requireNonNull(passwordsFile, "passwordsFile");
    this.vault = Objects.requireNonNull(vault, "vault");
  }

  @Override
  public SecretEnvironment environment(String application, Path secretsEnv) throws RefusedException {
    byte[] plaintext = open(application, secretsEnv);
    try {
      EnvFile file = EnvFile.parse(secretsEnv.toString(), plaintext);
      LinkedHashMap<String, Secret> values = new LinkedHashMap<>();
      for (EnvFile.Entry entry : file.entries()) {
        entry.valueBytes().ifPresent(value -> {
          values.put(entry.key(), Secret.of(value));
          Arrays.fill(value, (byte) 0);
        });
      }
      return SecretEnvironment.of(values);
    } catch (EnvFile.InvalidLineException e) {
      throw new RefusedException(refusal(application, e.getMessage()), e);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  @Override
  public Secret decrypt(String application, Path vaultedFile) throws RefusedException {
    byte[] plaintext = open(application, vaultedFile);
    try {
      return Secret.of(plaintext);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private byte[] open(String application, Path file) throws RefusedException {
    byte[] password = password(application, file);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new RefusedException(refusal(application, "the vaulted file " + file + " is missing"), e);
    } catch (IOException e) {
      throw new RefusedException(
          refusal(application, "the vaulted file " + file + " could not be read: " + e.getClass().getSimpleName()), e);
    }
    try {
      return vault.decrypt(content, password, file.toString());
    } catch (VaultException e) {
      throw new RefusedException(refusal(application, e.getMessage()), e);
    }
  }

  private byte[] password(String application, Path file) throws RefusedException {
    AppPasswords passwords;
    try {
      passwords = passwords();
    } catch (VaultException e) {
      throw new RefusedException(refusal(application, "cannot read its password: " + e.getMessage()), e);
    }
    AppPasswords.Lookup lookup = passwords.lookup(application);
    return lookup.password().orElseThrow(() -> new RefusedException(refusal(application,
        "no password in the passwords file " + passwordsFile + " (" + lookup.problem() + "), so " + file
            + " cannot be decrypted")));
  }

  private synchronized AppPasswords passwords() throws VaultException {
    byte[] masterPassword = AnsibleVault.readPasswordFile(masterPasswordFile);
    byte[] passwordsVault;
    try {
      passwordsVault = Files.readAllBytes(passwordsFile);
    } catch (NoSuchFileException e) {
      throw new PasswordFileException("the passwords file " + passwordsFile + " was not found", e);
    } catch (IOException e) {
      throw new PasswordFileException(
          "the passwords file " + passwordsFile + " could not be read: " + e.getClass().getSimpleName(), e);
    }
    Loaded current = loaded;
    if (current != null && MessageDigest.isEqual(current.masterPassword(), masterPassword)
        && Arrays.equals(current.passwordsVault(), passwordsVault)) {
      return current.passwords();
    }
    byte[] plaintext = vault.decrypt(passwordsVault, masterPassword, passwordsFile.toString());
    try {
      AppPasswords passwords = AppPasswords.parse(plaintext, passwordsFile.toString());
      loaded = new Loaded(masterPassword, passwordsVault, passwords);
      return passwords;
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private static String refusal(String application, String reason) {
    return "application '" + application + "': " + reason;
  }

  @Override
  public String toString() {
    return "VaultSecretStore[" + masterPasswordFile + ", " + passwordsFile + "]";
  }
}
