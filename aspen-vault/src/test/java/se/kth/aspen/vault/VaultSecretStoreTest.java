package se.kth.aspen.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.SecretEnvironment;

class VaultSecretStoreTest {

  private static final byte[] MASTER = "master-pw".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  private final AnsibleVault vault = new AnsibleVault();
  private Path keyFile;
  private Path passwordsFile;
  private VaultSecretStore store;

  @BeforeEach
  void setUp() throws Exception {
    keyFile = Files.write(dir.resolve("vault.key"), "master-pw\n".getBytes(StandardCharsets.US_ASCII));
    passwordsFile = dir.resolve("passwords.yml");
    writePasswords("app1: pwd1\napp2: \"p\u00e4ss \"\nnumeric: 0123\nfloat: 1.50\nboolean: yes\nempty:\nlist: [a]\n");
    store = new VaultSecretStore(keyFile, passwordsFile, vault);
  }

  private void writePasswords(String yaml) throws Exception {
    Files.write(passwordsFile, vault.encrypt(yaml.getBytes(StandardCharsets.UTF_8), MASTER));
  }

  private Path vaulted(String name, String plaintext, String password) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.write(file, vault.encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
        password.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsSecretsEnvWithTheDockerEnvFileRulesInFileOrder() throws Exception {
    Path secrets = vaulted("app1/active/secrets.env",
        "# db\nDB_PASSWORD=\"quoted stays\"\r\n  TOKEN=a=b \nBARE\nEMPTY=\nDB_PASSWORD=second\n", "pwd1");

    SecretEnvironment environment = store.environment("app1", secrets);

    assertThat(environment.values().keySet()).containsExactly("DB_PASSWORD", "TOKEN", "EMPTY");
    assertThat(environment.values().get("DB_PASSWORD").text()).isEqualTo("second");
    assertThat(environment.values().get("TOKEN").text()).isEqualTo("a=b ");
    assertThat(environment.values().get("EMPTY").length()).isZero();
    assertThat(environment).hasToString("SecretEnvironment[DB_PASSWORD, TOKEN, EMPTY]");
  }

  @Test
  void decryptsAVaultedBindFileToItsExactBytes() throws Exception {
    Path conf = vaulted("app1/active/conf/app.yml", "key: v\u00e4lue\n", "pwd1");

    Secret secret = store.decrypt("app1", conf);

    assertThat(secret.bytes()).isEqualTo("key: v\u00e4lue\n".getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"app2", "numeric", "float", "boolean"})
  void aPasswordIsTheYamlTextAsWrittenTrimmedLikeAPasswordFile(String application) throws Exception {
    String password = Map.of("app2", "p\u00e4ss", "numeric", "0123", "float", "1.50", "boolean", "yes").get(application);
    Path secrets = vaulted(application + "/secrets.env", "A=1\n", password);

    assertThat(store.environment(application, secrets).values().get("A").text()).isEqualTo("1");
  }

  @Test
  void readsThePasswordsFormToo() throws Exception {
    writePasswords("passwords:\n  app1: other\n  app3: pwd3\n");
    Path secrets = vaulted("app3/secrets.env", "A=3\n", "pwd3");

    assertThat(store.environment("app3", secrets).values().get("A").text()).isEqualTo("3");
    assertThatThrownBy(() -> store.environment("app1", vaulted("app1/secrets.env", "A=1\n", "pwd1")))
        .isInstanceOf(RefusedException.class)
        .hasMessageContaining("wrong password or corrupted file");
  }

  @Test
  void picksUpAChangedPasswordsFileOnTheNextCall() throws Exception {
    Path secrets = vaulted("app1/secrets.env", "A=1\n", "rotated");
    assertThatThrownBy(() -> store.environment("app1", secrets)).isInstanceOf(RefusedException.class);

    writePasswords("app1: rotated\n");

    assertThat(store.environment("app1", secrets).values()).containsOnlyKeys("A");
  }

  @Test
  void anApplicationWithoutAPasswordIsRefusedNamingAppAndFile() throws Exception {
    Path secrets = vaulted("ghost/secrets.env", "A=1\n", "x");

    assertThatThrownBy(() -> store.environment("ghost", secrets))
        .isInstanceOf(RefusedException.class)
        .hasMessage("application 'ghost': no password in the passwords file " + passwordsFile
            + " (it has no entry), so " + secrets + " cannot be decrypted");
    assertThatThrownBy(() -> store.decrypt("empty", secrets))
        .hasMessage("application 'empty': no password in the passwords file " + passwordsFile
            + " (its entry is empty), so " + secrets + " cannot be decrypted");
    assertThatThrownBy(() -> store.decrypt("list", secrets))
        .hasMessage("application 'list': no password in the passwords file " + passwordsFile
            + " (its entry is a list or mapping, not a password), so " + secrets + " cannot be decrypted");
  }

  @Test
  void aMissingFileIsRefusedNamingAppAndFile() {
    Path secrets = dir.resolve("app1/active/secrets.env");

    assertThatThrownBy(() -> store.environment("app1", secrets))
        .isInstanceOf(RefusedException.class)
        .hasMessage("application 'app1': the vaulted file " + secrets + " is missing");
  }

  @Test
  void aFileThatDoesNotOpenIsRefusedWithoutItsContent() throws Exception {
    Path secrets = vaulted("app1/secrets.env", "TOKEN=top-secret\n", "not-pwd1");
    Path plain = Files.writeString(dir.resolve("plain.env"), "TOKEN=top-secret\n");

    assertThatThrownBy(() -> store.environment("app1", secrets))
        .isInstanceOf(RefusedException.class)
        .hasMessage("application 'app1': " + secrets
            + ": wrong password or corrupted file (the vault's HMAC does not match)")
        .hasCauseInstanceOf(WrongPasswordException.class);
    assertThatThrownBy(() -> store.environment("app1", plain))
        .hasMessage("application 'app1': " + plain + " is not an Ansible Vault file: it does not start with $ANSIBLE_VAULT")
        .hasMessageNotContaining("top-secret");
  }

  @Test
  void aBadLineInSecretsEnvIsRefusedNamingTheLineOnly() throws Exception {
    Path secrets = vaulted("app1/secrets.env", "A=1\nmy secret token\n", "pwd1");

    assertThatThrownBy(() -> store.environment("app1", secrets))
        .isInstanceOf(RefusedException.class)
        .hasMessage("application 'app1': " + secrets + " line 2 has a variable name containing a space or tab");
  }

  @Test
  void aWrongMasterPasswordRefusesEveryApplicationNamingThePasswordsFile() throws Exception {
    Files.writeString(keyFile, "not-the-master\n");

    assertThatThrownBy(() -> store.environment("app1", dir.resolve("x")))
        .isInstanceOf(RefusedException.class)
        .hasMessage("application 'app1': cannot read its password: " + passwordsFile
            + ": wrong password or corrupted file (the vault's HMAC does not match)");
  }

  @Test
  void missingKeyOrPasswordsFilesAreNamed() throws Exception {
    Files.delete(passwordsFile);
    assertThatThrownBy(() -> store.environment("app1", dir.resolve("x")))
        .hasMessage("application 'app1': cannot read its password: the passwords file " + passwordsFile + " was not found");

    Files.delete(keyFile);
    assertThatThrownBy(() -> store.environment("app1", dir.resolve("x")))
        .hasMessage("application 'app1': cannot read its password: the vault password file " + keyFile + " was not found");
  }

  @Test
  void aPasswordsFileThatIsNotAMappingIsRefused() throws Exception {
    writePasswords("- app1\n- pwd1\n");

    assertThatThrownBy(() -> store.environment("app1", dir.resolve("x")))
        .hasMessage("application 'app1': cannot read its password: " + passwordsFile
            + " does not hold a YAML mapping of application names to passwords");
  }

  @Test
  void servesManyApplicationsFromManyThreadsAtOnce() throws Exception {
    writePasswords("a0: p0\na1: p1\na2: p2\na3: p3\n");
    java.util.List<Path> files = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      files.add(vaulted("a" + i + "/secrets.env", "APP=a" + i + "\n", "p" + i));
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
      for (int call = 0; call < 200; call++) {
        int app = call % 4;
        results.add(pool.submit(() -> store.environment("a" + app, files.get(app)).values().get("APP").text()));
      }
      for (int call = 0; call < 200; call++) {
        assertThat(results.get(call).get()).isEqualTo("a" + call % 4);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
