package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackReaderTest {

  @TempDir Path dir;
  StackFiles files;

  @BeforeEach
  void setUp() {
    files = new StackFiles(dir);
  }

  static final String TYPICAL = """
      version: "3.8"
      services:
        web:
          image: 127.0.0.1:5000/busybox:${TAG}
          environment:
            TAG: "~1.2.0"
            APP: ${APPLICATION_NAME}
          deploy:
            replicas: 2
            labels:
              traefik.frontend.rule: "PathPrefix:/app"
      """;

  @Test
  void parseFindsTheVersionRangeOfAServiceWhoseTagIsAVariable() throws Exception {
    StackSource source = files.parse(TYPICAL);

    assertThat(source.versionRequests()).containsExactly(
        new VersionRequest("web", "TAG", "~1.2.0", "127.0.0.1:5000/busybox:${TAG}", 6));
    assertThat(source.versionRequests().getFirst().repositoryTemplate()).isEqualTo("127.0.0.1:5000/busybox");
  }

  @Test
  void modelInterpolatesAndPutsTheResolvedTagInTheEnvironment() throws Exception {
    StackModel model = files.model(TYPICAL, Map.of("TAG", "1.2.4_0a1b2c3", "APPLICATION_NAME", "app"));

    ServiceSpec web = model.services().get("web");
    assertThat(web.image()).isEqualTo("127.0.0.1:5000/busybox:1.2.4_0a1b2c3");
    assertThat(web.environment()).containsExactly(
        Map.entry("TAG", Optional.of("1.2.4_0a1b2c3")), Map.entry("APP", Optional.of("app")));
    assertThat(web.deploy().orElseThrow().replicas()).contains(2);
    assertThat(web.line()).isEqualTo(3);
    assertThat(model.line("services.web.deploy.replicas")).isEqualTo(9);
    assertThat(model.line("services.web.deploy.resources.limits")).isEqualTo(8);
    assertThat(model.warnings()).isEmpty();
  }

  @Test
  void aWrongTypeNamesFileLineServiceAndValue() {
    assertThatThrownBy(() -> files.web("    deploy:\n      replicas: two\n"))
        .isInstanceOf(StackFileException.class)
        .hasMessage("team/app/active/docker-stack.yml:6: service web: deploy.replicas must be a whole number, got \"two\"");
  }

  @Test
  void envFileOutsideTheDirectoryIsRefused() {
    assertThatThrownBy(() -> files.web("    env_file: ../../other/secrets.env\n"))
        .isInstanceOf(StackFileException.class)
        .hasMessage("team/app/active/docker-stack.yml:5: service web: env_file: path \"../../other/secrets.env\" "
            + "leads out of the stack file's directory");
  }

  @Test
  void theDecryptedSecretsReferenceInAnotherDirectoryIsRefusedWithItsLine() {
    assertThatThrownBy(() -> files.web("    env_file: [a.env, conf/secrets.decrypted.env]\n"))
        .isInstanceOf(StackFileException.class)
        .hasMessage("team/app/active/docker-stack.yml:5: service web: env_file \"conf/secrets.decrypted.env\": "
            + "secrets.decrypted.env stands for the decrypted secrets.env beside the stack file and cannot be in another "
            + "directory; write it as \"secrets.decrypted.env\"");
  }

  @Test
  void theDecryptedSecretsReferenceIsTheNameInTheStackDirectoryHoweverSpelled() {
    assertThat(DecryptedSecrets.isReference("secrets.decrypted.env")).isTrue();
    assertThat(DecryptedSecrets.isReference("./secrets.decrypted.env")).isTrue();
    assertThat(DecryptedSecrets.isReference("conf/../secrets.decrypted.env")).isTrue();
    assertThat(DecryptedSecrets.isReference("conf/secrets.decrypted.env")).isFalse();
    assertThat(DecryptedSecrets.isReference("secrets.env")).isFalse();
  }

  @Test
  void ignoredKeysAreWarnings() throws Exception {
    StackModel model = files.model(StackFiles.service("    container_name: x\n    privileged: true\n"));
    assertThat(model.warnings()).extracting(StackWarning::toString).containsExactly(
        "service web: container_name is deprecated and ignored by Swarm (line 5)",
        "service web: privileged is not supported by Swarm and is ignored (line 6)");
  }
}
