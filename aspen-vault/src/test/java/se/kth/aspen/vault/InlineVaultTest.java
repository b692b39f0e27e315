package se.kth.aspen.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InlineVaultTest {

  private static final byte[] PASSWORD = "unit-test".getBytes(StandardCharsets.US_ASCII);

  private static String indented(String envelope) {
    return envelope.strip().replace("\n", "\n          ");
  }

  @Test
  void decryptsAnInlineValueIndentedOrNot() throws Exception {
    AnsibleVault vault = new AnsibleVault();

    assertThat(vault.decryptInline(WorkedExamplesTest.EXAMPLE_3_FILE, PASSWORD))
        .isEqualTo("A=1\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(vault.decryptInline("          " + indented(WorkedExamplesTest.EXAMPLE_3_FILE), PASSWORD))
        .isEqualTo("A=1\n".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void decryptsTheTaggedTopLevelValuesOfAYamlDocument() throws Exception {
    AnsibleVault vault = new AnsibleVault();
    byte[] secret = vault.encrypt("p\u00e4ss".getBytes(StandardCharsets.UTF_8), PASSWORD);
    String yaml = "plain: value\n"
        + "db_password: !vault |\n          " + indented(WorkedExamplesTest.EXAMPLE_3_FILE) + "\n"
        + "nested:\n  a: 1\n"
        + "api_key: !vault |\n          " + indented(new String(secret, StandardCharsets.US_ASCII)) + "\n";

    Map<String, byte[]> values = vault.decryptYamlValues(yaml.getBytes(StandardCharsets.UTF_8), PASSWORD, "vars.yml");

    assertThat(values).containsOnlyKeys("db_password", "api_key");
    assertThat(values.keySet()).containsExactly("db_password", "api_key");
    assertThat(values.get("db_password")).isEqualTo("A=1\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(new String(values.get("api_key"), StandardCharsets.UTF_8)).isEqualTo("p\u00e4ss");
  }

  @Test
  void aTaggedValueThatDoesNotOpenNamesTheKey() {
    String yaml = "token: !vault |\n          " + indented(WorkedExamplesTest.EXAMPLE_3_FILE) + "\n";

    assertThatThrownBy(() -> new AnsibleVault().decryptYamlValues(
            yaml.getBytes(StandardCharsets.UTF_8), "wrong".getBytes(StandardCharsets.US_ASCII), "vars.yml"))
        .isInstanceOf(WrongPasswordException.class)
        .hasMessage("vars.yml value 'token': wrong password or corrupted file (the vault's HMAC does not match)");
  }

  @Test
  void aDocumentThatIsNotAMappingIsMalformed() {
    assertThatThrownBy(() -> new AnsibleVault().decryptYamlValues(
            "- a\n- b\n".getBytes(StandardCharsets.UTF_8), PASSWORD, "vars.yml"))
        .isInstanceOf(MalformedVaultException.class)
        .hasMessage("vars.yml is not a YAML mapping");
  }
}
