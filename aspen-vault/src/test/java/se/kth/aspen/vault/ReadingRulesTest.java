package se.kth.aspen.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The variations ansible-vault accepts when reading (VAULT.md §1) are accepted here too. */
class ReadingRulesTest {

  private static final byte[] PASSWORD = "unit-test".getBytes(StandardCharsets.US_ASCII);

  static Stream<Arguments> variations() {
    return Stream.of(
        Arguments.of("CRLF line ends", (UnaryOperator<String>) f -> f.replace("\n", "\r\n")),
        Arguments.of("lone CR line ends", (UnaryOperator<String>) f -> f.replace("\n", "\r")),
        Arguments.of("no final newline", (UnaryOperator<String>) String::strip),
        Arguments.of("trailing blank lines", (UnaryOperator<String>) f -> f + "\n\n\n"),
        Arguments.of("blank lines inside the body", (UnaryOperator<String>) f -> f.replace("0a", "0\n\na")),
        Arguments.of("one long body line", (UnaryOperator<String>) f -> f.replaceFirst("\n", "#").replace("\n", "")
            .replace("#", "\n")),
        Arguments.of("upper-case outer hex", (UnaryOperator<String>) f -> f.toUpperCase(Locale.ROOT)),
        Arguments.of("unchecked version 1.0", (UnaryOperator<String>) f -> f.replace(";1.1;", ";1.0;")),
        Arguments.of("unchecked version 9.9", (UnaryOperator<String>) f -> f.replace(";1.1;", ";9.9;")),
        Arguments.of("a label under 1.1", (UnaryOperator<String>) f -> f.replace("AES256", "AES256;prod")),
        Arguments.of("spaces around header fields", (UnaryOperator<String>) f -> f.replace(";1.1;AES256", " ; 1.1 ;AES256 \t")),
        Arguments.of("five header fields", (UnaryOperator<String>) f -> f.replace("AES256", "AES256;prod;extra")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variations")
  void readsEveryVariationAnsibleVaultReads(String variation, UnaryOperator<String> edit) throws Exception {
    byte[] file = edit.apply(WorkedExamplesTest.EXAMPLE_3_FILE).getBytes(StandardCharsets.US_ASCII);

    assertThat(new AnsibleVault().decrypt(file, PASSWORD)).isEqualTo("A=1\n".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void upperCaseInnerHexIsReadToo() throws Exception {
    VaultEnvelope envelope = VaultEnvelope.parse(
        WorkedExamplesTest.EXAMPLE_3_FILE.getBytes(StandardCharsets.US_ASCII), "x");
    String inner = (java.util.HexFormat.of().formatHex(envelope.salt()) + "\n"
        + java.util.HexFormat.of().formatHex(envelope.hmac()) + "\n"
        + java.util.HexFormat.of().formatHex(envelope.ciphertext())).toUpperCase(Locale.ROOT);
    byte[] file = ("$ANSIBLE_VAULT;1.1;AES256\n" + java.util.HexFormat.of().formatHex(inner.getBytes(StandardCharsets.US_ASCII)))
        .getBytes(StandardCharsets.US_ASCII);

    assertThat(new AnsibleVault().decrypt(file, PASSWORD)).isEqualTo("A=1\n".getBytes(StandardCharsets.US_ASCII));
  }
}
