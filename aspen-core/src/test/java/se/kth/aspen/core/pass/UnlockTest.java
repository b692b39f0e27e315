package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.core.pass.PassFixture.only;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.Secret;

class UnlockTest {

  static final String STACK = "app/active/docker-stack.yml";
  static final String IMAGE = "registry.example.org/app";

  @TempDir Path root;
  PassFixture f;
  Path secretsEnv;
  Path vaulted;

  @BeforeEach
  void appWithSecrets() {
    f = new PassFixture(root);
    f.images.push(IMAGE, "1.0.0");
    f.registry.write(STACK, TestRegistry.stack(IMAGE + ":1.0.0").replace("    labels:\n      se.kth.slackChannels",
        "    env_file:\n      - secrets.decrypted.env\n      - ./plain.env\n    volumes:\n      - ./conf/app.yml:/etc/app.yml:ro\n"
            + "      - ./conf/plain.yml:/etc/plain.yml:ro\n    labels:\n      se.kth.slackChannels"));
    secretsEnv = f.registry.write("app/active/secrets.env", "$ANSIBLE_VAULT;1.1;AES256\n6162\n");
    vaulted = f.registry.write("app/active/conf/app.yml", "$ANSIBLE_VAULT;1.2;AES256;dev\n6162\n");
    f.registry.write("app/active/conf/plain.yml", "plain: true\n");
    f.registry.write("app/active/plain.env", "A=1\n");
    f.secrets.environment(secretsEnv, Map.of("DB_PASSWORD", "hunter2"));
    f.secrets.file(vaulted, "password: hunter2\n");
  }

  @Test
  void secretsAndVaultedBindFilesAreDecryptedIntoTheRequestOnly() {
    assertThat(only(f.deploy(), STACK).status()).isEqualTo(AppStatus.DEPLOYED);

    DeployRequest request = f.orchestrator.deploys().getFirst();
    assertThat(request.environments().get("web").values()).containsExactly(Map.entry("A", Optional.of(Secret.of("1"))),
        Map.entry("DB_PASSWORD", Optional.of(Secret.of("hunter2"))), Map.entry("LOG_LEVEL", Optional.of(Secret.of("info"))));
    assertThat(request.files().vaultedBinds()).containsExactly(Map.entry("./conf/app.yml", Secret.of("password: hunter2\n")));
    assertThat(request.toString()).doesNotContain("hunter2");
  }

  @Test
  void theRequestCarriesEveryBindSourceAsAHostPathAndNoDirectory() {
    f.deploy();

    DeployRequest request = f.orchestrator.deploys().getFirst();
    String directory = root.resolve("app/active").toAbsolutePath().normalize().toString();
    assertThat(request.files().hostPaths()).containsOnly(Map.entry("./conf/app.yml", directory + "/conf/app.yml"),
        Map.entry("./conf/plain.yml", directory + "/conf/plain.yml"));
  }

  @Test
  void anEnvFileWithAnInvalidLineIsInvalidNamingItsLineAndNothingIsDecrypted() {
    f.registry.write("app/active/plain.env", "A=1\nBAD KEY=hunter2\n");

    AppResult result = only(f.deploy(), STACK);

    assertThat(result.status()).isEqualTo(AppStatus.FAILED);
    assertThat(result.failure()).contains(FailureKind.INVALID);
    assertThat(result.step()).contains("Unlock");
    assertThat(result.reason().orElseThrow()).startsWith(STACK + ":").contains("service web: env_file ./plain.env line 2")
        .doesNotContain("hunter2");
    assertThat(f.secrets.calls()).isEmpty();
    assertThat(f.orchestrator.deploys()).isEmpty();
  }

  @Test
  void aMissingEnvFileIsInvalidAndNothingIsDecrypted() throws Exception {
    java.nio.file.Files.delete(root.resolve("app/active/plain.env"));

    AppResult result = only(f.deploy(), STACK);

    assertThat(result.status()).isEqualTo(AppStatus.FAILED);
    assertThat(result.failure()).contains(FailureKind.INVALID);
    assertThat(result.reason().orElseThrow()).contains("service web: env_file \"./plain.env\" does not exist");
    assertThat(f.secrets.calls()).isEmpty();
    assertThat(f.orchestrator.deploys()).isEmpty();
  }

  @Test
  void anUnchangedAppIsNeverDecrypted() {
    f.deploy();
    int calls = f.secrets.calls().size();

    assertThat(only(f.deploy(), STACK).status()).isEqualTo(AppStatus.UNCHANGED);
    assertThat(f.secrets.calls()).hasSize(calls);
  }

  @Test
  void aPlanStopsBeforeUnlocking() {
    assertThat(only(f.run(PassMode.PLAN), STACK).status()).isEqualTo(AppStatus.CHANGED);
    assertThat(f.secrets.calls()).isEmpty();
  }

  @Test
  void aPlanReportsAMissingSecretsEnvWithoutDecryptingAnything() throws Exception {
    java.nio.file.Files.delete(secretsEnv);

    AppResult planned = only(f.run(PassMode.PLAN), STACK);

    assertThat(planned.status()).isEqualTo(AppStatus.FAILED);
    assertThat(planned.step()).contains("Read");
    assertThat(planned.reason()).contains(STACK + " uses secrets.decrypted.env but there is no secrets.env beside it");
    assertThat(f.secrets.calls()).isEmpty();
  }

  @Test
  void changingTheVaultedSecretsFileRedeploys() {
    f.deploy();
    f.registry.write("app/active/secrets.env", "$ANSIBLE_VAULT;1.1;AES256\n6163\n");
    f.secrets.environment(secretsEnv, Map.of("DB_PASSWORD", "hunter3"));

    assertThat(only(f.deploy(), STACK).status()).isEqualTo(AppStatus.DEPLOYED);
  }

  /** One rule for every spelling, the same in a plan as in a deploy: see {@code DecryptedSecrets}. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"secrets.decrypted.env", "./secrets.decrypted.env", "conf/../secrets.decrypted.env",
      "./conf/../secrets.decrypted.env"})
  void everySpellingOfTheReferenceIsPlannedAndDeployedWithTheSecrets(String spelling) {
    spell(spelling);

    assertThat(only(f.run(PassMode.PLAN), STACK).status()).isEqualTo(AppStatus.CHANGED);
    assertThat(only(f.deploy(), STACK).status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(f.orchestrator.deploys().getFirst().environments().get("web").values())
        .containsEntry("DB_PASSWORD", Optional.of(Secret.of("hunter2")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"PLAN, conf/secrets.decrypted.env", "DEPLOY, conf/secrets.decrypted.env", "PLAN, ./conf/secrets.decrypted.env",
      "DEPLOY, ./conf/secrets.decrypted.env"})
  void theReferenceInAnotherDirectoryIsInvalidInAPlanAndADeployAlike(PassMode mode, String spelling) {
    spell(spelling);
    f.registry.write("app/active/conf/secrets.decrypted.env", "DB_PASSWORD=plain\n");

    AppResult result = only(f.run(mode), STACK);

    assertThat(result.status()).isEqualTo(AppStatus.FAILED);
    assertThat(result.failure()).contains(FailureKind.INVALID);
    assertThat(result.step()).contains("Read");
    assertThat(result.reason().orElseThrow()).startsWith(STACK + ":").contains("env_file \"" + spelling + "\": secrets.decrypted.env "
        + "stands for the decrypted secrets.env beside the stack file");
    assertThat(f.orchestrator.deploys()).isEmpty();
    assertThat(f.secrets.calls()).isEmpty();
  }

  private void spell(String spelling) {
    f.registry.write(STACK, TestRegistry.stack(IMAGE + ":1.0.0").replace("    labels:\n      se.kth.slackChannels",
        "    env_file:\n      - " + spelling + "\n    labels:\n      se.kth.slackChannels"));
  }
}
