package se.kth.aspen.vault;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a vault file, read with exactly ansible-vault's rules (VAULT.md §1) and written
 * exactly as it writes them. No key is involved here.
 */
record VaultEnvelope(String version, Optional<String> vaultId, byte[] salt, byte[] hmac, byte[] ciphertext) {

  static final byte[] MAGIC = "$ANSIBLE_VAULT".getBytes(StandardCharsets.US_ASCII);
  static final String CIPHER = "AES256";
  private static final int LINE_LENGTH = 80;

  static boolean looksLikeVault(byte[] content) {
    return firstNonAscii(content) < 0 && startsWithMagic(content);
  }

  static VaultEnvelope parse(byte[] content, String subject) throws VaultException {
    int nonAscii = firstNonAscii(content);
    if (nonAscii >= 0) {
      throw new NotAVaultException(
          subject + " is not an Ansible Vault file: it holds a non-ASCII byte at offset " + nonAscii);
    }
    if (!startsWithMagic(content)) {
      throw new NotAVaultException(subject + " is not an Ansible Vault file: it does not start with $ANSIBLE_VAULT");
    }
    int headerEnd = 0;
    while (headerEnd < content.length && content[headerEnd] != '\n' && content[headerEnd] != '\r') {
      headerEnd++;
    }
    List<String> fields = headerFields(new String(content, 0, headerEnd, StandardCharsets.US_ASCII));
    if (fields.size() < 3) {
      throw new MalformedVaultException(subject + ": the vault header has no version or cipher field");
    }
    String cipher = fields.get(2);
    if (!cipher.equals(CIPHER)) {
      String shown = cipher.length() > 40 ? cipher.substring(0, 40) + "..." : cipher;
      throw new UnsupportedCipherException(
          subject + ": the vault cipher '" + shown + "' is not supported; ansible-vault reads and writes only AES256");
    }
    Optional<String> vaultId = fields.size() >= 4 ? Optional.of(fields.get(3)) : Optional.empty();
    byte[] inner = decodeBody(content, headerEnd, subject);
    int first = indexOf(inner, (byte) '\n', 0);
    int second = first < 0 ? -1 : indexOf(inner, (byte) '\n', first + 1);
    if (second < 0) {
      int parts = first < 0 ? 1 : 2;
      throw new MalformedVaultException(subject + ": the vault body has " + parts
          + (parts == 1 ? " part" : " parts") + " where salt, HMAC and ciphertext are expected; the file is truncated");
    }
    byte[] salt = Hex.decode(inner, 0, first, subject, "the salt");
    byte[] hmac = Hex.decode(inner, first + 1, second, subject, "the HMAC");
    byte[] ciphertext = Hex.decode(inner, second + 1, inner.length, subject, "the ciphertext");
    return new VaultEnvelope(fields.get(1), vaultId, salt, hmac, ciphertext);
  }

  /** Python's {@code bytes.strip().split(b';')} with each field stripped. */
  private static List<String> headerFields(String header) {
    List<String> fields = new ArrayList<>();
    for (String field : stripAscii(header).split(";", -1)) {
      fields.add(stripAscii(field));
    }
    return fields;
  }

  private static String stripAscii(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && PasswordFile.isAsciiSpace(s.charAt(from))) {
      from++;
    }
    while (to > from && PasswordFile.isAsciiSpace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  /** The body lines joined (CR and LF dropped, blank lines skipped) and hex-decoded once. */
  private static byte[] decodeBody(byte[] content, int from, String subject) throws MalformedVaultException {
    byte[] joined = new byte[content.length - from];
    int length = 0;
    int line = 1;
    for (int i = from; i < content.length; i++) {
      byte b = content[i];
      if (b == '\n' || b == '\r') {
        if (b == '\r' || i == 0 || content[i - 1] != '\r') {
          line++;
        }
        continue;
      }
      if (Hex.digit(b) < 0) {
        throw new MalformedVaultException(
            subject + ": line " + line + " of the vault holds a character that is not a hex digit");
      }
      joined[length++] = b;
    }
    return Hex.decode(joined, 0, length, subject, "the vault body");
  }

  /** The file as ansible-vault writes it: header, the body in 80-character lines, final LF. */
  byte[] encode() {
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    inner.writeBytes(Hex.encode(salt));
    inner.write('\n');
    inner.writeBytes(Hex.encode(hmac));
    inner.write('\n');
    inner.writeBytes(Hex.encode(ciphertext));
    byte[] body = Hex.encode(inner.toByteArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / LINE_LENGTH + 64);
    out.writeBytes(MAGIC);
    out.writeBytes((";" + version + ";" + CIPHER + vaultId.map(id -> ";" + id).orElse("") + "\n")
        .getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < body.length; i += LINE_LENGTH) {
      out.write(body, i, Math.min(LINE_LENGTH, body.length - i));
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static int firstNonAscii(byte[] content) {
    for (int i = 0; i < content.length; i++) {
      if (content[i] < 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWithMagic(byte[] content) {
    if (content.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (content[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
