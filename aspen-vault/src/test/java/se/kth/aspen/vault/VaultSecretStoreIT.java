package se.kth.aspen.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.SecretEnvironment;

/** The store over files a team made with the real ansible-vault, as the old tool's users did. */
class VaultSecretStoreIT {

  @TempDir Path dir;

  @Test
  void opensPasswordsAndSecretsEncryptedByAnsibleVault() throws Exception {
    AnsibleVaultCli cli = new AnsibleVaultCli(dir);
    Path masterKey = cli.passwordFile("vault.key", "master \u00e9\n".getBytes(StandardCharsets.UTF_8));
    Path appKey = cli.passwordFile("app.key", "app-pwd\n".getBytes(StandardCharsets.US_ASCII));
    Path passwords = Files.writeString(dir.resolve("passwords.yml"), "passwords:\n  shop: app-pwd\n");
    Path secrets = Files.createDirectories(dir.resolve("registry/shop/active")).resolve("secrets.env");
    Files.writeString(secrets, "DB_URL=postgres://db/shop?ssl=true\r\nDB_PASSWORD='quoted'\r\n# c\r\nLAST=no newline");
    Path bindFile = Files.write(dir.resolve("registry/shop/active/app.conf"), new byte[] {0, 1, 2, (byte) 0xff});

    cli.succeed(List.of("encrypt", "--vault-password-file", masterKey.toString(), passwords.toString()));
    cli.succeed(List.of("encrypt", "--vault-id", "shop@" + appKey, secrets.toString(), bindFile.toString()));

    VaultSecretStore store = new VaultSecretStore(masterKey, passwords);
    SecretEnvironment environment = store.environment("shop", secrets);
    assertThat(environment.values().keySet()).containsExactly("DB_URL", "DB_PASSWORD", "LAST");
    assertThat(environment.values().get("DB_URL").text()).isEqualTo("postgres://db/shop?ssl=true");
    assertThat(environment.values().get("DB_PASSWORD").text()).isEqualTo("'quoted'");
    assertThat(environment.values().get("LAST").text()).isEqualTo("no newline");
    assertThat(store.decrypt("shop", bindFile).bytes()).containsExactly(0, 1, 2, 0xff);
  }
}
