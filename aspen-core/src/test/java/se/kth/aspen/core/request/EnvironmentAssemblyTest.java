package se.kth.aspen.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.core.request.RequestStacks.handMade;
import static se.kth.aspen.core.request.RequestStacks.model;
import static se.kth.aspen.core.request.RequestStacks.request;
import static se.kth.aspen.core.request.RequestStacks.webEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.kth.aspen.core.port.DeployRequest;

/** The environment rules of {@code docker stack deploy}, less the deployer's own environment. */
class EnvironmentAssemblyTest {

  @TempDir Path app;

  @Test
  void envFilesInOrderThenSecretsThenEnvironmentSortedByName() throws Exception {
    Files.writeString(app.resolve("a.env"), "B=from-a\nA=from-a\nKEEP=kept  \nBARE\n");
    Files.writeString(app.resolve("b.env"), "B=from-b\nSECRET=from-b\n");
    var environment = new LinkedHashMap<String, Optional<String>>();
    environment.put("A", Optional.of("from-environment"));
    environment.put("NAMED_ONLY", Optional.empty());
    environment.put("EMPTY", Optional.of(""));
    var stack = handMade(List.of("a.env", "b.env", "./secrets.decrypted.env"), environment);

    assertThat(webEnvironment(request(app, stack, Map.of("SECRET", "from-secrets")))).containsExactly(
        "A=from-environment", "B=from-b", "EMPTY=", "KEEP=kept  ", "NAMED_ONLY", "SECRET=from-secrets");
  }

  @Test
  void anEnvFileAfterTheSecretsReferenceOverridesTheSecrets() throws Exception {
    Files.writeString(app.resolve("late.env"), "SECRET=from-late\n");
    var stack = handMade(List.of("secrets.decrypted.env", "late.env"), new LinkedHashMap<>());

    assertThat(webEnvironment(request(app, stack, Map.of("SECRET", "from-secrets", "OTHER", "o"))))
        .containsExactly("OTHER=o", "SECRET=from-late");
  }

  @Test
  void aServiceWithoutEnvironmentHasAnEmptyOne() throws Exception {
    var stack = model(app, "version: \"3.8\"\nservices:\n  web:\n    image: x:1\n");

    assertThat(request(app, stack, Map.of("SECRET", "unused")).environments().get("web").values()).isEmpty();
  }

  /** The rule of {@code DecryptedSecrets}, the same the pass unlocks by. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"secrets.decrypted.env", "./secrets.decrypted.env", "./x/../secrets.decrypted.env"})
  void everySpellingOfTheReferenceStandsForTheDecryptedSecrets(String spelling) throws Exception {
    var stack = model(app, "version: \"3.8\"\nservices:\n  web:\n    image: x:1\n    env_file: [\"" + spelling + "\"]\n");

    assertThat(webEnvironment(request(app, stack, Map.of("SECRET", "s")))).containsExactly("SECRET=s");
  }

  @Test
  void theRequestPrintsNoValue() throws Exception {
    Files.writeString(app.resolve("a.env"), "TOKEN=from-file-hunter2\n");
    var stack = handMade(List.of("a.env", "secrets.decrypted.env"), new LinkedHashMap<>());

    DeployRequest request = request(app, stack, Map.of("PASSWORD", "from-secrets-hunter2"));

    assertThat(request.toString()).contains("ServiceEnvironment[PASSWORD, TOKEN]").doesNotContain("hunter2");
  }
}
