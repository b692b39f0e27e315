package se.kth.aspen.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.vault.AnsibleVault;

class VaultCommandTest {

  @TempDir Path dir;

  // No trailing newline and a non-UTF-8 byte: view must add and change nothing.
  private static final byte[] PLAINTEXT = {'A', '=', '1', '\n', 'B', '=', (byte) 0xE9, 'x'};

  private Path passwordFile;
  private Path vaultFile;

  @BeforeEach
  void files() throws Exception {
    passwordFile = Files.writeString(dir.resolve("key"), "  correct horse\n");
    vaultFile = dir.resolve("secrets.env");
    Files.write(vaultFile, new AnsibleVault().encrypt(PLAINTEXT, "correct horse".getBytes(StandardCharsets.UTF_8)));
  }

  private CliRun vault(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "vault";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.of(Map.of("HOME", dir.toString()), dir, all);
  }

  @Test
  void viewWritesThePlaintextBytesExactly() {
    CliRun run = vault("view", "secrets.env", "--password-file", "key");
    assertThat(run.exitCode).isZero();
    assertThat(run.outBytes).isEqualTo(PLAINTEXT);
  }

  @Test
  void aWrongPasswordExits1NamingTheFileAndNothingIsPrinted() throws Exception {
    Files.writeString(dir.resolve("wrong"), "battery staple");
    CliRun run = vault("view", "secrets.env", "--password-file", "wrong");
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.outBytes).isEmpty();
    assertThat(run.err).startsWith("aspen vault: ").contains("secrets.env");
  }

  @Test
  void aFileThatIsNoVaultExits1() throws Exception {
    Files.writeString(dir.resolve("plain.env"), "A=1\n");
    CliRun run = vault("view", "plain.env", "--password-file", "key");
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("plain.env");
  }

  @Test
  void aMissingFileExits1() {
    CliRun run = vault("view", "nope.env", "--password-file", "key");
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("nope.env: no such file");
  }

  @Test
  void encryptThenDecryptInPlaceGivesTheOriginalBackAndTheLabelLandsInTheHeader() throws Exception {
    Path file = Files.write(dir.resolve("conf.yml"), PLAINTEXT);

    assertThat(vault("encrypt", "conf.yml", "--password-file", "key", "--vault-id", "prod").exitCode).isZero();
    byte[] encrypted = Files.readAllBytes(file);
    assertThat(new String(encrypted, StandardCharsets.US_ASCII)).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n");
    assertThat(vault("encrypt", "conf.yml", "--password-file", "key").exitCode).as("already a vault").isEqualTo(1);

    assertThat(vault("decrypt", "conf.yml", "--password-file", "key").exitCode).isZero();
    assertThat(Files.readAllBytes(file)).isEqualTo(PLAINTEXT);
  }

  @Test
  void decryptToStdoutLeavesTheVaultAsItWas() throws Exception {
    byte[] before = Files.readAllBytes(vaultFile);
    CliRun run = vault("decrypt", "secrets.env", "--password-file", "key", "--output", "-");
    assertThat(run.exitCode).isZero();
    assertThat(run.outBytes).isEqualTo(PLAINTEXT);
    assertThat(Files.readAllBytes(vaultFile)).isEqualTo(before);
  }
}
