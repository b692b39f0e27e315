package se.kth.aspen.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a vault can be wrong ends in its own type and a message naming the source only. */
class VaultErrorsTest {

  private static final byte[] PASSWORD = "s3cret-pw".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PLAINTEXT = "TOKEN=very-secret-token-value-that-spans-blocks\n".repeat(3)
      .getBytes(StandardCharsets.US_ASCII);
  private final AnsibleVault vault = new AnsibleVault();

  private byte[] sealed() {
    return vault.encrypt(PLAINTEXT, PASSWORD, "default", WorkedExamplesTest.range(0x40, 32));
  }

  private static String ascii(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] flipped(byte[] bytes, int index) {
    byte[] copy = bytes.clone();
    copy[index] ^= 0x01;
    return copy;
  }

  private void assertFails(byte[] file, Class<? extends VaultException> type, String message) {
    assertThatThrownBy(() -> vault.decrypt(file, PASSWORD, "secrets.env"))
        .isInstanceOf(type)
        .hasMessage(message)
        .hasMessageNotContaining("very-secret")
        .hasMessageNotContaining("s3cret-pw");
  }

  @Test
  void aWrongPasswordIsReportedAsWrongPasswordOrCorruptedFile() {
    assertThatThrownBy(() -> vault.decrypt(sealed(), "other".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(WrongPasswordException.class)
        .hasMessage("the vault data: wrong password or corrupted file (the vault's HMAC does not match)");
  }

  @Test
  void aFlippedBitInTheSaltHmacOrCiphertextFailsTheHmac() throws Exception {
    VaultEnvelope good = VaultEnvelope.parse(sealed(), "x");
    String message = "secrets.env: wrong password or corrupted file (the vault's HMAC does not match)";

    assertFails(new VaultEnvelope("1.1", Optional.empty(), flipped(good.salt(), 5), good.hmac(), good.ciphertext())
        .encode(), WrongPasswordException.class, message);
    assertFails(new VaultEnvelope("1.1", Optional.empty(), good.salt(), flipped(good.hmac(), 31), good.ciphertext())
        .encode(), WrongPasswordException.class, message);
    assertFails(new VaultEnvelope("1.1", Optional.empty(), good.salt(), good.hmac(), flipped(good.ciphertext(), 0))
        .encode(), WrongPasswordException.class, message);
  }

  @Test
  void aFileCutAtALineEndFailsTheHmacLikeAnsibleVault() {
    String file = ascii(sealed());
    String cut = file.substring(0, file.lastIndexOf('\n', file.length() - 2) + 1);

    assertFails(ascii(cut), WrongPasswordException.class,
        "secrets.env: wrong password or corrupted file (the vault's HMAC does not match)");
  }

  @Test
  void aFileCutMidLineHasAnOddBody() {
    String file = ascii(sealed());

    assertFails(ascii(file.substring(0, file.length() - 4)), MalformedVaultException.class,
        "secrets.env: the vault body has an odd number of hex digits (897); the file is truncated or edited");
  }

  @Test
  void aFileCutToItsHeaderHasTooFewParts() {
    assertFails(ascii("$ANSIBLE_VAULT;1.1;AES256\n"), MalformedVaultException.class,
        "secrets.env: the vault body has 1 part where salt, HMAC and ciphertext are expected; the file is truncated");
    String twoParts = ascii(java.util.HexFormat.of().formatHex(ascii("00ff\n00ff")).getBytes(StandardCharsets.US_ASCII));
    assertFails(ascii("$ANSIBLE_VAULT;1.1;AES256\n" + twoParts + "\n"), MalformedVaultException.class,
        "secrets.env: the vault body has 2 parts where salt, HMAC and ciphertext are expected; the file is truncated");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      empty                 | ''                                  | secrets.env is not an Ansible Vault file: it does not start with $ANSIBLE_VAULT
      plain text            | A=1                                 | secrets.env is not an Ansible Vault file: it does not start with $ANSIBLE_VAULT
      leading space         | ' $ANSIBLE_VAULT;1.1;AES256'        | secrets.env is not an Ansible Vault file: it does not start with $ANSIBLE_VAULT
      leading blank line    | '\n$ANSIBLE_VAULT;1.1;AES256'       | secrets.env is not an Ansible Vault file: it does not start with $ANSIBLE_VAULT
      byte order mark       | '\u00ef\u00bb\u00bf$ANSIBLE_VAULT'  | secrets.env is not an Ansible Vault file: it holds a non-ASCII byte at offset 0
      non-ASCII in the body | '$ANSIBLE_VAULT;1.1;AES256\n61\u00e9' | secrets.env is not an Ansible Vault file: it holds a non-ASCII byte at offset 28
      """)
  void contentThatIsNotAVaultIsSaidToBeNone(String rule, String content, String message) {
    byte[] bytes = ascii(content.replace("\\n", "\n"));

    assertThat(AnsibleVault.isVault(bytes)).isFalse();
    assertFails(bytes, NotAVaultException.class, message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no cipher        | $ANSIBLE_VAULT;1.1        | MalformedVaultException    | secrets.env: the vault header has no version or cipher field
      magic only       | $ANSIBLE_VAULT            | MalformedVaultException    | secrets.env: the vault header has no version or cipher field
      lower-case name  | $ANSIBLE_VAULT;1.1;aes256 | UnsupportedCipherException | secrets.env: the vault cipher 'aes256' is not supported; ansible-vault reads and writes only AES256
      AES128           | $ANSIBLE_VAULT;1.1;AES128 | UnsupportedCipherException | secrets.env: the vault cipher 'AES128' is not supported; ansible-vault reads and writes only AES256
      """)
  void aBadHeaderIsReportedBeforeTheBody(String rule, String header, String type, String message) throws Exception {
    String file = ascii(sealed());
    byte[] edited = ascii(header + file.substring(file.indexOf('\n')));
    Class<? extends VaultException> expected =
        Class.forName("se.kth.aspen.vault." + type).asSubclass(VaultException.class);

    assertThat(AnsibleVault.isVault(edited)).isTrue();
    assertFails(edited, expected, message);
  }

  @Test
  void aNonHexCharacterOrAnInnerSpaceNamesTheLine() {
    String file = ascii(sealed());
    int thirdLine = file.indexOf('\n', file.indexOf('\n') + 1) + 1;

    assertFails(ascii(file.substring(0, thirdLine + 10) + "g" + file.substring(thirdLine + 11)),
        MalformedVaultException.class, "secrets.env: line 3 of the vault holds a character that is not a hex digit");
    assertFails(ascii(file.substring(0, thirdLine + 10) + " " + file.substring(thirdLine + 10)),
        MalformedVaultException.class, "secrets.env: line 3 of the vault holds a character that is not a hex digit");
  }

  @Test
  void aNonHexInnerPartIsMalformed() {
    String inner = "zz\n00\n00";
    String body = java.util.HexFormat.of().formatHex(ascii(inner));

    assertFails(ascii("$ANSIBLE_VAULT;1.1;AES256\n" + body + "\n"), MalformedVaultException.class,
        "secrets.env: the salt holds a character that is not a hex digit");
  }

  @Test
  void aValidHmacOverBadPaddingIsACorruptVaultNotACrash() {
    byte[] salt = WorkedExamplesTest.range(0, 32);
    for (byte[] padded : new byte[][] {
        ascii("no padding"), ascii("ends in zero\0\0\0\0"), ascii("ends in 17 (0x11)\u0011"), new byte[0],
        ascii("wrong pad bytes\u0003\u0002\u0003")}) {
      assertFails(vault.encryptPadded(padded, PASSWORD, "default", salt), CorruptVaultException.class,
          "secrets.env: corrupt vault: the HMAC matches but the padding is invalid, so it was encrypted wrongly");
    }
  }
}
