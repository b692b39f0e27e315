package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.vault.AnsibleVault;

/**
 * Scenario 6: a vaulted {@code secrets.env} reaches the running service's environment, and
 * nothing Aspen leaves behind (the checkout, the state directory, its logs, its notices) holds
 * a byte of the secret.
 */
class SecretsIT extends Scenario {

  private final String secretive = app("secret");
  private final String canary = "canary-" + UUID.randomUUID().toString().replace("-", "");

  /** Each run also writes the secrets reference one of the two ways it may be spelled. */
  @ParameterizedTest(name = "state in {0}, env_file {1}")
  @CsvSource({"the embedded store, secrets.decrypted.env", "Redis, ./secrets.decrypted.env"})
  void vaultedSecretsReachTheServiceAndNoPlaintextIsLeftAnywhere(String state, String reference) throws Exception {
    AnsibleVault vault = new AnsibleVault();
    byte[] master = ("master-" + suffix).getBytes(StandardCharsets.US_ASCII);
    byte[] appPassword = ("app-pwd-" + suffix).getBytes(StandardCharsets.US_ASCII);
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Files.write(keys.resolve("master"), (new String(master, StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.US_ASCII));
    Files.write(keys.resolve("passwords.yml"), vault.encrypt(
        ("passwords:\n  " + secretive + ": " + new String(appPassword, StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.UTF_8),
        master));
    env.put("VAULT_KEY_PATH", keys.resolve("master").toString());
    env.put("APP_PWD_FILE_PATH", keys.resolve("passwords.yml").toString());
    if (state.equals("the embedded store")) {
      env.remove("REDIS_URL");
    }
    StackFile stack = StackFile.web();
    stack.service("web").withSecrets(reference);
    writeStack(secretive, "active", stack);
    git.write("apps/" + secretive + "/active/secrets.env",
        vault.encrypt(("# the database\nDB_PASSWORD=" + canary + "\n").getBytes(StandardCharsets.UTF_8),
            appPassword));
    git.commitAndPush("an app with secrets");
    Aspen aspen = aspen();

    PassReport report = aspen.deployPass();

    assertThat(result(report, secretive, "active").status()).as(describe(report)).isEqualTo(AppStatus.DEPLOYED);
    assertThat(engine.serviceEnv(secretive + "_web")).contains("DB_PASSWORD=" + canary);
    assertThat(engine.replicas(secretive + "_web")).isEqualTo("1/1");
    assertThat(aspen.deployPass().results()).allMatch(r -> r.status() == AppStatus.UNCHANGED);
    drainNotices(aspen);
    aspen.close();

    List<String> leaks = new ArrayList<>();
    leaks.addAll(filesHolding(dir.resolve("checkout")));
    leaks.addAll(filesHolding(dir.resolve("state")));
    leaks.addAll(filesHolding(Path.of("target", "aspen-it.log")));
    assertThat(leaks).as("files holding the canary").isEmpty();
    assertThat(Files.exists(Path.of("target", "aspen-it.log"))).as("the captured log exists to be scanned").isTrue();
    assertThat(redisValuesHoldingTheCanary()).as("Redis keys of this test holding the canary").isEmpty();
    wire.getAllServeEvents().forEach(e -> assertThat(e.getRequest().getBodyAsString()).doesNotContain(canary));
  }

  private List<String> redisValuesHoldingTheCanary() {
    List<String> found = new ArrayList<>();
    try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis(java.net.URI.create(testEnv.redisUrl()))) {
      for (String key : jedis.keys("aspen:it-" + suffix + ":*")) {
        String dump = switch (jedis.type(key)) {
          case "hash" -> jedis.hgetAll(key).toString();
          case "string" -> jedis.get(key);
          default -> key;
        };
        if ((key + dump).contains(canary)) {
          found.add(key);
        }
      }
    }
    return found;
  }

  /** Files under the path holding the canary as text, base64 or hex. */
  private List<String> filesHolding(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    byte[][] needles = {
        canary.getBytes(StandardCharsets.UTF_8),
        Base64.getEncoder().encode(canary.getBytes(StandardCharsets.UTF_8)),
        HexFormat.of().formatHex(canary.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII)};
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] content = Files.readAllBytes(file);
        for (byte[] needle : needles) {
          if (indexOf(content, needle) >= 0) {
            found.add(file.toString());
          }
        }
      }
    }
    return found;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
