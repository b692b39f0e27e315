package se.kth.aspen.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop with the real ansible-vault in both directions. Each call costs the tool's start-up
 * (a third of a second or more), so files are batched: one call encrypts or decrypts a whole set.
 */
class AnsibleVaultInteropIT {

  @TempDir Path dir;
  private AnsibleVaultCli cli;
  private final AnsibleVault vault = new AnsibleVault();

  @BeforeEach
  void setUp() {
    cli = new AnsibleVaultCli(dir);
  }

  /** The plaintexts the issue lists: block edges, 100 kB, every byte value, CRLF, no final newline. */
  static Map<String, byte[]> plaintexts() {
    Random random = new Random(7);
    Map<String, byte[]> plaintexts = new LinkedHashMap<>();
    for (int size : new int[] {0, 1, 15, 16, 17, 32, 33, 100_000}) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      plaintexts.put("random-" + size, bytes);
    }
    byte[] everyByte = new byte[512];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = (byte) (i < 256 ? i : 511 - i);
    }
    plaintexts.put("every-byte", everyByte);
    plaintexts.put("crlf", "A=1\r\nB=two words\r\n".getBytes(StandardCharsets.US_ASCII));
    plaintexts.put("no-final-newline", "A=1\nB=2".getBytes(StandardCharsets.US_ASCII));
    return plaintexts;
  }

  static Map<String, byte[]> few() {
    Map<String, byte[]> few = new LinkedHashMap<>();
    few.put("env", "A=1\nQUOTED=\"x y\"\n".getBytes(StandardCharsets.US_ASCII));
    few.put("every-byte", plaintexts().get("every-byte"));
    return few;
  }

  /** Password files as teams write them; the tool and Aspen must make the same bytes of each. */
  static Stream<Arguments> passwords() {
    return Stream.of(
        Arguments.of("ascii with trailing newline", "ascii-pw\n".getBytes(StandardCharsets.US_ASCII), plaintexts()),
        Arguments.of("spaces and tabs around", "  spaced pw \t\n".getBytes(StandardCharsets.US_ASCII), few()),
        Arguments.of("non-ASCII UTF-8", "p\u00e4ssw\u00f6rd \u2713\n".getBytes(StandardCharsets.UTF_8), few()),
        Arguments.of("Latin-1, not UTF-8", "p\u00e4ss\n".getBytes(StandardCharsets.ISO_8859_1), few()),
        Arguments.of("two lines", "first\nsecond\n".getBytes(StandardCharsets.US_ASCII), few()));
  }

  private List<Path> writeAll(String subdir, Map<String, byte[]> contents) throws Exception {
    Path target = Files.createDirectories(dir.resolve(subdir));
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, byte[]> entry : contents.entrySet()) {
      files.add(Files.write(target.resolve(entry.getKey()), entry.getValue()));
    }
    return files;
  }

  private static List<String> args(List<String> options, List<Path> files) {
    List<String> args = new ArrayList<>(options);
    files.forEach(f -> args.add(f.toString()));
    return args;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("passwords")
  void aspenDecryptsWhatAnsibleVaultEncryptsInFormatOnePointOne(String name, byte[] passwordFile,
      Map<String, byte[]> plaintexts) throws Exception {
    Path pw = cli.passwordFile("pw", passwordFile);
    List<Path> files = writeAll("by-tool", plaintexts);

    cli.succeed(args(List.of("encrypt", "--vault-password-file", pw.toString()), files));

    byte[] password = AnsibleVault.readPasswordFile(pw);
    for (Path file : files) {
      byte[] encrypted = Files.readAllBytes(file);
      assertThat(new String(encrypted, 0, 26, StandardCharsets.US_ASCII)).isEqualTo("$ANSIBLE_VAULT;1.1;AES256\n");
      assertThat(vault.decrypt(file, password)).as(file.getFileName().toString())
          .isEqualTo(plaintexts.get(file.getFileName().toString()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("passwords")
  void ansibleVaultDecryptsWhatAspenEncryptsInFormatOnePointOne(String name, byte[] passwordFile,
      Map<String, byte[]> plaintexts) throws Exception {
    Path pw = cli.passwordFile("pw", passwordFile);
    byte[] password = AnsibleVault.readPasswordFile(pw);
    Map<String, byte[]> encrypted = new LinkedHashMap<>();
    plaintexts.forEach((file, plaintext) -> encrypted.put(file, vault.encrypt(plaintext, password)));
    List<Path> files = writeAll("by-aspen", encrypted);

    cli.succeed(args(List.of("decrypt", "--vault-password-file", pw.toString()), files));

    for (Path file : files) {
      assertThat(Files.readAllBytes(file)).as(file.getFileName().toString())
          .isEqualTo(plaintexts.get(file.getFileName().toString()));
    }
  }

  @Test
  void formatOnePointTwoLabelsTravelBothWays() throws Exception {
    Path pw = cli.passwordFile("pw", "labelled\n".getBytes(StandardCharsets.US_ASCII));
    byte[] password = AnsibleVault.readPasswordFile(pw);
    Map<String, byte[]> plaintexts = plaintexts();
    List<Path> byTool = writeAll("by-tool", plaintexts);
    Map<String, byte[]> encrypted = new LinkedHashMap<>();
    plaintexts.forEach((file, plaintext) -> encrypted.put(file, vault.encrypt(plaintext, password, "prod")));
    List<Path> byAspen = writeAll("by-aspen", encrypted);

    cli.succeed(args(List.of("encrypt", "--vault-id", "prod@" + pw), byTool));
    cli.succeed(args(List.of("decrypt", "--vault-id", "prod@" + pw), byAspen));

    for (Path file : byTool) {
      byte[] content = Files.readAllBytes(file);
      assertThat(new String(content, 0, 31, StandardCharsets.US_ASCII)).isEqualTo("$ANSIBLE_VAULT;1.2;AES256;prod\n");
      assertThat(AnsibleVault.vaultId(content)).contains("prod");
      assertThat(vault.decrypt(content, password)).isEqualTo(plaintexts.get(file.getFileName().toString()));
    }
    for (Path file : byAspen) {
      assertThat(Files.readAllBytes(file)).isEqualTo(plaintexts.get(file.getFileName().toString()));
    }
  }

  @Test
  void vaultFilesWithCrlfOrWithoutFinalNewlineReadTheSameInBoth() throws Exception {
    Path pw = cli.passwordFile("pw", "crlf-pw\n".getBytes(StandardCharsets.US_ASCII));
    byte[] password = AnsibleVault.readPasswordFile(pw);
    byte[] plaintext = "A=1\r\nB=2".getBytes(StandardCharsets.US_ASCII);
    String sealed = new String(vault.encrypt(plaintext, password, "prod"), StandardCharsets.US_ASCII);
    Map<String, byte[]> variants = new LinkedHashMap<>();
    variants.put("crlf", sealed.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
    variants.put("no-final-newline", sealed.strip().getBytes(StandardCharsets.US_ASCII));
    variants.put("crlf-no-final-newline", sealed.strip().replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
    variants.put("blank-lines", sealed.replace("\n", "\n\n").getBytes(StandardCharsets.US_ASCII));
    List<Path> files = writeAll("variants", variants);

    for (Path file : files) {
      assertThat(vault.decrypt(file, password)).as(file.getFileName().toString()).isEqualTo(plaintext);
    }
    cli.succeed(args(List.of("decrypt", "--vault-password-file", pw.toString()), files));

    for (Path file : files) {
      assertThat(Files.readAllBytes(file)).as(file.getFileName().toString()).isEqualTo(plaintext);
    }
  }

  @Test
  void decryptToStandardOutputGivesTheExactBytes() throws Exception {
    Path pw = cli.passwordFile("pw", "stdout-pw".getBytes(StandardCharsets.US_ASCII));
    byte[] plaintext = plaintexts().get("every-byte");
    Path file = Files.write(dir.resolve("secrets.env"), vault.encrypt(plaintext, AnsibleVault.readPasswordFile(pw)));

    AnsibleVaultCli.Result result =
        cli.succeed(List.of("decrypt", "--vault-password-file", pw.toString(), "--output", "-", file.toString()));

    assertThat(result.stdout()).isEqualTo(plaintext);
  }

  @Test
  void inlineValuesFromEncryptStringAreDecrypted() throws Exception {
    Path pw = cli.passwordFile("pw", "inline-pw\n".getBytes(StandardCharsets.US_ASCII));

    AnsibleVaultCli.Result result = cli.succeed(List.of(
        "encrypt_string", "--vault-password-file", pw.toString(), "--name", "db_password", "s3cr\u00e9t value"));
    Map<String, byte[]> values = vault.decryptYamlValues(result.stdout(), AnsibleVault.readPasswordFile(pw), "stdout");

    assertThat(values.keySet()).containsExactly("db_password");
    assertThat(new String(values.get("db_password"), StandardCharsets.UTF_8)).isEqualTo("s3cr\u00e9t value");
  }

  @Test
  void badPaddingUnderAValidHmacCrashesAnsibleVaultButIsAnErrorHere() throws Exception {
    Path pw = cli.passwordFile("pw", "pad-pw".getBytes(StandardCharsets.US_ASCII));
    byte[] password = AnsibleVault.readPasswordFile(pw);
    byte[] salt = new byte[32];
    Path file = Files.write(dir.resolve("unpadded"),
        vault.encryptPadded("no padding here".getBytes(StandardCharsets.US_ASCII), password, "default", salt));

    AnsibleVaultCli.Result result =
        cli.run(List.of("decrypt", "--vault-password-file", pw.toString(), "--output", "-", file.toString()));

    assertThat(result.exitCode()).isEqualTo(250);
    assertThat(result.stderr()).contains("Invalid padding bytes");
    assertThatThrownBy(() -> vault.decrypt(file, password))
        .isInstanceOf(CorruptVaultException.class)
        .hasMessage(file + ": corrupt vault: the HMAC matches but the padding is invalid, so it was encrypted wrongly");
  }

  @Test
  void aTamperedFileFailsInBothTheSameWay() throws Exception {
    Path pw = cli.passwordFile("pw", "tamper-pw".getBytes(StandardCharsets.US_ASCII));
    byte[] password = AnsibleVault.readPasswordFile(pw);
    VaultEnvelope good = VaultEnvelope.parse(vault.encrypt("A=1\n".getBytes(StandardCharsets.US_ASCII), password), "x");
    byte[] ciphertext = good.ciphertext().clone();
    ciphertext[3] ^= 0x40;
    Path file = Files.write(dir.resolve("tampered"),
        new VaultEnvelope("1.1", good.vaultId(), good.salt(), good.hmac(), ciphertext).encode());

    AnsibleVaultCli.Result result =
        cli.run(List.of("decrypt", "--vault-password-file", pw.toString(), "--output", "-", file.toString()));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("Decryption failed");
    assertThatThrownBy(() -> vault.decrypt(file, password))
        .isInstanceOf(WrongPasswordException.class)
        .hasMessage(file + ": wrong password or corrupted file (the vault's HMAC does not match)");
  }
}
