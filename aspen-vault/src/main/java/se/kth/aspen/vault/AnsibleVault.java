package se.kth.aspen.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * Ansible Vault files, byte-compatible with {@code ansible-vault} (format 1.1 and 1.2, AES256):
 * what it encrypts this decrypts, and the reverse. Passwords are bytes, never assumed to be
 * UTF-8; read a password file with {@link #readPasswordFile}.
 *
 * <p>An instance keeps a bounded cache of derived keys by (password, salt), so a file decrypted
 * again costs microseconds instead of a PBKDF2 run; it is safe for concurrent use. Errors are
 * {@link VaultException} subtypes whose messages name the source and never hold plaintext or a
 * password.
 */
public final class AnsibleVault {

  /** Keys kept by default: more than the applications of a large registry. */
  public static final int DEFAULT_KEY_CACHE_SIZE = 1024;

  private static final String DEFAULT_VAULT_ID = "default";
  private static final int SALT_LENGTH = 32;

  private final KeyCache keyCache;
  private final SecureRandom random = new SecureRandom();

  /** A codec with the default key cache. */
  public AnsibleVault() {
    this(DEFAULT_KEY_CACHE_SIZE);
  }

  /** A codec keeping up to {@code keyCacheSize} derived keys; 0 derives every time. */
  public AnsibleVault(int keyCacheSize) {
    this.keyCache = new KeyCache(keyCacheSize);
  }

  /** True when ansible-vault would treat the content as a vault: all ASCII, starting with {@code $ANSIBLE_VAULT}. */
  public static boolean isVault(byte[] content) {
    return VaultEnvelope.looksLikeVault(content);
  }

  /**
   * A password file's password as ansible-vault reads it: raw bytes with space, tab, LF, CR, VT
   * and FF trimmed at both ends. An executable file is refused, not run.
   */
  public static byte[] readPasswordFile(Path file) throws PasswordFileException {
    return PasswordFile.read(file);
  }

  /** The vault-id label of a 1.2 header (any header with a fourth field), without decrypting. */
  public static Optional<String> vaultId(byte[] content) throws VaultException {
    return VaultEnvelope.parse(content, "the vault data").vaultId();
  }

  /** Decrypts vault content; errors call it "the vault data". */
  public byte[] decrypt(byte[] content, byte[] password) throws VaultException {
    return decrypt(content, password, "the vault data");
  }

  /**
   * Decrypts vault content.
   *
   * @param source names the content in error messages, usually its file
   * @throws IllegalArgumentException if the password is empty, which no ansible-vault password is
   */
  public byte[] decrypt(byte[] content, byte[] password, String source) throws VaultException {
    Objects.requireNonNull(password, "password");
    VaultEnvelope envelope = VaultEnvelope.parse(content, source);
    DerivedKeys keys = keyCache.keys(password, envelope.salt());
    return VaultCipher.decrypt(envelope, keys, source);
  }

  /** Reads and decrypts a vault file; errors name the file. */
  public byte[] decrypt(Path file, byte[] password) throws VaultException, IOException {
    return decrypt(Files.readAllBytes(file), password, file.toString());
  }

  /**
   * Decrypts an inline {@code !vault |} value: the block scalar's text, as a YAML parser gives
   * it or still indented as it stands in the file.
   */
  public byte[] decryptInline(String envelope, byte[] password) throws VaultException {
    return decrypt(InlineVault.deindent(envelope), password, "the inline vault value");
  }

  /**
   * The top-level {@code !vault} values of a YAML document (a group_vars file, say), decrypted,
   * in document order. Values without the tag are left out.
   *
   * @param source names the document in error messages
   */
  public SequencedMap<String, byte[]> decryptYamlValues(byte[] yaml, byte[] password, String source)
      throws VaultException {
    return InlineVault.decryptValues(this, yaml, password, source);
  }

  /** Encrypts as {@code ansible-vault encrypt} does without a vault-id: format 1.1. */
  public byte[] encrypt(byte[] plaintext, byte[] password) {
    return encrypt(plaintext, password, DEFAULT_VAULT_ID);
  }

  /**
   * Encrypts with a vault-id label as {@code ansible-vault encrypt --vault-id label@...} does:
   * format 1.2 with the label in the header, or 1.1 when the label is {@code default}.
   *
   * @param vaultId printable ASCII without {@code ;} or spaces, since the header is ASCII and
   *     split on {@code ;}
   */
  public byte[] encrypt(byte[] plaintext, byte[] password, String vaultId) {
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    return encrypt(plaintext, password, vaultId, salt);
  }

  byte[] encrypt(byte[] plaintext, byte[] password, String vaultId, byte[] salt) {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] padded = VaultCipher.pad(plaintext);
    byte[] encoded = encryptPadded(padded, password, vaultId, salt);
    Arrays.fill(padded, (byte) 0);
    return encoded;
  }

  /** Encrypts bytes taken as already padded; tests use it to make files with bad padding. */
  byte[] encryptPadded(byte[] padded, byte[] password, String vaultId, byte[] salt) {
    checkVaultId(vaultId);
    DerivedKeys keys = keyCache.keys(password, salt);
    byte[][] sealed = VaultCipher.encryptPadded(padded, keys);
    boolean labelled = !vaultId.equals(DEFAULT_VAULT_ID);
    VaultEnvelope envelope = new VaultEnvelope(
        labelled ? "1.2" : "1.1", labelled ? Optional.of(vaultId) : Optional.empty(), salt, sealed[1], sealed[0]);
    return envelope.encode();
  }

  int cachedKeys() {
    return keyCache.size();
  }

  private static void checkVaultId(String vaultId) {
    Objects.requireNonNull(vaultId, "vaultId");
    if (vaultId.isEmpty()) {
      throw new IllegalArgumentException("a vault-id label must not be empty");
    }
    for (byte b : vaultId.getBytes(StandardCharsets.UTF_8)) {
      if (b < 0x21 || b > 0x7E || b == ';') {
        throw new IllegalArgumentException(
            "a vault-id label must be printable ASCII without ';' or spaces: '" + vaultId + "'");
      }
    }
  }
}
