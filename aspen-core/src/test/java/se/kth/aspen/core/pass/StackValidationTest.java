package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.kth.aspen.core.compose.StackWarning;
import se.kth.aspen.core.policy.CompliantStacks;
import se.kth.aspen.core.policy.PolicySettings;
import se.kth.aspen.core.policy.ValidationReport;
import se.kth.aspen.core.policy.Violation;

class StackValidationTest {

  @TempDir Path root;

  Path stack(String yaml) throws IOException {
    Path dir = Files.createDirectories(root.resolve("team/app/active"));
    Path file = dir.resolve("docker-stack.yml");
    Files.writeString(file, yaml);
    return file;
  }

  /** A stack that uses the decrypted secrets, with the vaulted secrets.env beside it (never decrypted here). */
  Path stackWithSecrets(String yaml) throws IOException {
    Path file = stack(yaml);
    Files.writeString(file.resolveSibling("secrets.env"), "$ANSIBLE_VAULT;1.1;AES256\n3132\n");
    return file;
  }

  @Test
  void aCompliantStackWithARangeIsValidOffline() throws IOException {
    Path file = stackWithSecrets(CompliantStacks.replacing("    image: 127.0.0.1:5000/busybox:1.2.3\n",
        "    image: 127.0.0.1:5000/busybox:${TAG}\n    environment:\n      TAG: \"~1.2.0\"\n      NAME: ${APPLICATION_NAME}-${PORTILLO_CLUSTER}\n"
            + "    env_file: [secrets.decrypted.env]\n    container_name: x\n"));
    ValidationReport report = StackValidation.validate(file, CompliantStacks.FILE, PolicySettings.DEFAULT);
    assertThat(report.errors()).isEmpty();
    assertThat(report.violations()).isEmpty();
    assertThat(report.valid()).isTrue();
    assertThat(report.warnings()).extracting(StackWarning::message).containsExactly("container_name is deprecated and ignored by Swarm");
  }

  @Test
  void aTagVariableThatIsNotAVersionIsAnErrorSayingSo() throws IOException {
    Path file = stack(CompliantStacks.replacing("    image: 127.0.0.1:5000/busybox:1.2.3\n",
        "    image: 127.0.0.1:5000/busybox:${TAG}\n    environment:\n      TAG: latest\n"));
    ValidationReport report = StackValidation.validate(file, CompliantStacks.FILE, PolicySettings.DEFAULT);
    assertThat(report.valid()).isFalse();
    assertThat(report.errors()).singleElement().asString()
        .contains("the image's tag variable TAG is \"latest\", which is not a version")
        .doesNotContain("empty tag");
  }

  @Test
  void aFileThatCannotBeReadGivesItsErrorAndNoViolations() throws IOException {
    Path file = stack("services:\n  web:\n    image: a:1\n    image: b:2\n");
    ValidationReport report = StackValidation.validate(file, CompliantStacks.FILE, PolicySettings.DEFAULT);
    assertThat(report.valid()).isFalse();
    assertThat(report.errors()).containsExactly(CompliantStacks.FILE + ":4: duplicate key \"image\" (first on line 3)");
    assertThat(report.violations()).isEmpty();
  }

  @Test
  void policyViolationsAreAllReported() throws IOException {
    Path file = stack(CompliantStacks.without("      replicas: 2").replace("        max-size: 10m\n", ""));
    ValidationReport report = StackValidation.validate(file, CompliantStacks.FILE, PolicySettings.DEFAULT);
    assertThat(report.valid()).isFalse();
    assertThat(report.violations()).extracting(Violation::policy).containsExactly("ReplicasPolicy", "LoggingPolicy");
  }

  @Test
  void anEnvFileMustExistInsideTheDirectory() throws IOException {
    Path file = stack(CompliantStacks.replacing("    logging:\n", "    env_file: [missing.env, link.env]\n    logging:\n"));
    Files.writeString(root.resolve("outside.env"), "X=1\n");
    Files.createSymbolicLink(file.getParent().resolve("link.env"), root.resolve("outside.env"));
    ValidationReport report = StackValidation.validate(file, CompliantStacks.FILE, PolicySettings.DEFAULT);
    assertThat(report.errors()).containsExactly(
        CompliantStacks.FILE + ":3: service web: env_file \"missing.env\" does not exist",
        CompliantStacks.FILE + ":3: service web: env_file: path \"link.env\" leads out of the stack file's directory through a symbolic link");
  }

  /** The rule of {@code DecryptedSecrets}: the same spellings a plan and a deploy accept. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"secrets.decrypted.env", "./secrets.decrypted.env", "conf/../secrets.decrypted.env",
      "./conf/../secrets.decrypted.env"})
  void everySpellingOfTheSecretsReferenceIsValid(String spelling) throws IOException {
    Path file = stackWithSecrets(CompliantStacks.replacing("    logging:\n", "    env_file: [" + spelling + "]\n    logging:\n"));
    ValidationReport report = StackValidation.validate(file, CompliantStacks.FILE, PolicySettings.DEFAULT);
    assertThat(report.errors()).isEmpty();
    assertThat(report.valid()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"conf/secrets.decrypted.env", "./conf/secrets.decrypted.env"})
  void theSecretsReferenceInAnotherDirectoryIsInvalidEvenWhenSuchAFileExists(String spelling) throws IOException {
    Path file = stack(CompliantStacks.replacing("    logging:\n", "    env_file: [" + spelling + "]\n    logging:\n"));
    Files.createDirectories(file.getParent().resolve("conf"));
    Files.writeString(file.getParent().resolve("conf/secrets.decrypted.env"), "DB_PASSWORD=plain\n");
    ValidationReport report = StackValidation.validate(file, CompliantStacks.FILE, PolicySettings.DEFAULT);
    assertThat(report.valid()).isFalse();
    assertThat(report.errors()).singleElement().asString()
        .startsWith(CompliantStacks.FILE + ":")
        .contains("env_file \"" + spelling + "\": secrets.decrypted.env stands for the decrypted secrets.env "
            + "beside the stack file and cannot be in another directory");
  }

  /** As a plan and a deploy say: the reference stands for a secrets.env that must be there. */
  @Test
  void theSecretsReferenceWithoutASecretsEnvBesideItIsInvalid() throws IOException {
    Path file = stack(CompliantStacks.replacing("    logging:\n", "    env_file: [secrets.decrypted.env]\n    logging:\n"));
    ValidationReport report = StackValidation.validate(file, CompliantStacks.FILE, PolicySettings.DEFAULT);
    assertThat(report.valid()).isFalse();
    assertThat(report.errors()).containsExactly(
        CompliantStacks.FILE + " uses secrets.decrypted.env but there is no secrets.env beside it");
  }

  /** As a pass reads it: an image without a tag would run whatever :latest is. */
  @Test
  void anImageWithoutATagIsInvalid() throws IOException {
    Path file = stack(CompliantStacks.COMPLIANT.replace("busybox:1.2.3", "busybox"));
    ValidationReport report = StackValidation.validate(file, CompliantStacks.FILE, PolicySettings.DEFAULT);
    assertThat(report.valid()).isFalse();
    assertThat(report.errors()).singleElement().asString().contains("has no tag");
  }
}
