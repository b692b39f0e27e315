package se.kth.aspen.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** VAULT.md §6: values computed independently of this code, pinned byte for byte. */
class WorkedExamplesTest {

  private static final HexFormat HEX = HexFormat.of();

  static byte[] range(int from, int count) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) (from + i);
    }
    return bytes;
  }

  static final String EXAMPLE_3_FILE = """
      $ANSIBLE_VAULT;1.1;AES256
      32303231323232333234323532363237323832393261326232633264326532663330333133323333
      3334333533363337333833393361336233633364336533660a373737363566323961326533666338
      37353635656164353639343964633439383439336234646263386332363333303535306365636162
      3565386363336537620a343030393337353835643434346132626135303235616537626264313365
      3039
      """;

  @Test
  void derivesTheKeysOfExampleOneFromAnAsciiPassword() {
    DerivedKeys keys = DerivedKeys.derive("hunter2".getBytes(StandardCharsets.US_ASCII), range(0, 32));

    assertThat(HEX.formatHex(keys.aesKey())).startsWith("e2e3adea0651d0aa");
    assertThat(HEX.formatHex(keys.hmacKey())).startsWith("e43aa69ecc944894");
    assertThat(HEX.formatHex(keys.counter())).isEqualTo("28788f1de97dcfabaa62ae30c7071192");
  }

  @Test
  void derivesTheKeysOfExampleTwoFromUtf8PasswordBytes() {
    byte[] password = HEX.parseHex("70c3a4737377c3b67264");
    byte[] salt = new byte[32];
    java.util.Arrays.fill(salt, (byte) 1);

    DerivedKeys keys = DerivedKeys.derive(password, salt);

    assertThat(HEX.formatHex(keys.aesKey())).startsWith("31636d469dbf1eec");
    assertThat(HEX.formatHex(keys.hmacKey())).startsWith("ef9fff775b91bf90");
    assertThat(HEX.formatHex(keys.counter())).isEqualTo("3cad71cf9ad31d542bcb47ed87b1c380");
  }

  @Test
  void encryptsExampleThreeToTheExactFileAnsibleVaultWrites() {
    byte[] file = new AnsibleVault().encrypt(
        "A=1\n".getBytes(StandardCharsets.US_ASCII), "unit-test".getBytes(StandardCharsets.US_ASCII), "default",
        range(0x20, 32));

    assertThat(new String(file, StandardCharsets.US_ASCII)).isEqualTo(EXAMPLE_3_FILE);
  }

  @Test
  void decryptsExampleThree() throws Exception {
    byte[] plaintext = new AnsibleVault().decrypt(
        EXAMPLE_3_FILE.getBytes(StandardCharsets.US_ASCII), "unit-test".getBytes(StandardCharsets.US_ASCII));

    assertThat(plaintext).isEqualTo("A=1\n".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void encryptsAnEmptyPlaintextWithALabelAsFormatOnePointTwo() throws Exception {
    byte[] file = new AnsibleVault().encrypt(
        new byte[0], "unit-test".getBytes(StandardCharsets.US_ASCII), "dev", range(0x20, 32));

    VaultEnvelope envelope = VaultEnvelope.parse(file, "example");
    assertThat(new String(file, StandardCharsets.US_ASCII)).startsWith("$ANSIBLE_VAULT;1.2;AES256;dev\n");
    assertThat(HEX.formatHex(envelope.ciphertext())).isEqualTo("1124164241585637b91e46fba7cd2215");
    assertThat(HEX.formatHex(envelope.hmac()))
        .isEqualTo("41df64fbed59a99dd1765cfb6debd2e2afd392c93b56469867b6506c2b256a26");
    assertThat(envelope.vaultId()).contains("dev");
  }
}
