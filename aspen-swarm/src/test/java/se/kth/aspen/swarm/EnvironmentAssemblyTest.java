package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.SecretEnvironment;

class EnvironmentAssemblyTest {

  @TempDir Path root;

  private EnvironmentAssembly assembly(Path directory, Map<String, String> secrets) {
    Map<String, Secret> values = new java.util.LinkedHashMap<>();
    secrets.forEach((k, v) -> values.put(k, Secret.of(v)));
    return new EnvironmentAssembly(new ConfinedFiles(directory, "app/active/docker-stack.yml"), SecretEnvironment.of(values));
  }

  @Test
  void envFilesInOrderThenSecretsThenEnvironmentSortedByName() throws Exception {
    Path app = Files.createDirectories(root.resolve("app"));
    Files.writeString(app.resolve("a.env"), "B=from-a\nA=from-a\nKEEP=kept  \nBARE\n");
    Files.writeString(app.resolve("b.env"), "B=from-b\nSECRET=from-b\n");
    var service = new ServiceBuilder("web", "x:1").envFile("a.env").envFile("b.env").envFile("./secrets.decrypted.env")
        .env("A", "from-environment").env("NAMED_ONLY", null).env("EMPTY", "").build();

    assertThat(assembly(app, Map.of("SECRET", "from-secrets")).of(service)).containsExactly(
        "A=from-environment", "B=from-b", "EMPTY=", "KEEP=kept  ", "NAMED_ONLY", "SECRET=from-secrets");
  }

  @Test
  void anEnvFileOutsideTheApplicationDirectoryIsRefused() throws Exception {
    Path app = Files.createDirectories(root.resolve("app"));
    Files.writeString(root.resolve("other.env"), "STOLEN=1\n");
    var service = new ServiceBuilder("web", "x:1").envFile("../other.env").build();

    assertThatThrownBy(() -> assembly(app, Map.of()).of(service)).isInstanceOf(RefusedException.class)
        .hasMessage("app/active/docker-stack.yml: env_file of service web \"../other.env\" escapes the application directory");
  }

  @Test
  void anAbsoluteEnvFileIsRefused() throws Exception {
    Path app = Files.createDirectories(root.resolve("app"));
    var service = new ServiceBuilder("web", "x:1").envFile("/etc/environment").build();

    assertThatThrownBy(() -> assembly(app, Map.of()).of(service)).isInstanceOf(RefusedException.class)
        .hasMessage("app/active/docker-stack.yml: env_file of service web \"/etc/environment\" is an absolute path; "
            + "only paths inside the application directory are allowed");
  }

  @Test
  void aSymbolicLinkOutOfTheApplicationDirectoryIsRefused() throws Exception {
    Path app = Files.createDirectories(root.resolve("app"));
    Files.writeString(root.resolve("other.env"), "STOLEN=1\n");
    Files.createSymbolicLink(app.resolve("link.env"), root.resolve("other.env"));
    var service = new ServiceBuilder("web", "x:1").envFile("link.env").build();

    assertThatThrownBy(() -> assembly(app, Map.of()).of(service)).isInstanceOf(RefusedException.class)
        .hasMessage("app/active/docker-stack.yml: env_file of service web \"link.env\" leads outside the application "
            + "directory through a symbolic link");
  }

  @Test
  void anInvalidLineNamesTheFileAndLineButNotTheValue() throws Exception {
    Path app = Files.createDirectories(root.resolve("app"));
    Files.writeString(app.resolve("bad.env"), "OK=1\nBAD KEY=hunter2\n");
    var service = new ServiceBuilder("web", "x:1").envFile("bad.env").build();

    assertThatThrownBy(() -> assembly(app, Map.of()).of(service)).isInstanceOf(RefusedException.class)
        .hasMessageStartingWith("app/active/docker-stack.yml: env_file of service web: bad.env line 2")
        .hasMessageNotContaining("hunter2");
  }

  /** The rule of {@code DecryptedSecrets}, the same the core unlocks by. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"secrets.decrypted.env", "./secrets.decrypted.env", "./x/../secrets.decrypted.env"})
  void everySpellingOfTheReferenceStandsForTheDecryptedSecrets(String spelling) throws Exception {
    Path app = Files.createDirectories(root.resolve("app"));
    var service = new ServiceBuilder("web", "x:1").envFile(spelling).build();

    assertThat(assembly(app, Map.of("SECRET", "s")).of(service)).containsExactly("SECRET=s");
  }
}
