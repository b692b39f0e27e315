package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names the engine would refuse, found when the stack is read. */
class StackNamesTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"app", "kth-azure-app", "App_2", "a-", "9lives"})
  void applicationNamesTheEngineTakes(String name) {
    assertThat(StackNames.applicationProblem(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"my.app", "-app", "_app", "app name", "appé", "app+1"})
  void applicationNamesTheEngineRefuses(String name) {
    assertThat(StackNames.applicationProblem(name)).hasValueSatisfying(p -> assertThat(p)
        .startsWith("application directory \"" + name + "\" is not a valid stack name: the engine names services "
            + "<stack>_<service>, which may hold only letters, digits, '-' and '_'"));
  }

  @Test
  void anApplicationNameTooLongForTheEnginesNames() {
    assertThat(StackNames.applicationProblem("a".repeat(61))).isEmpty();
    assertThat(StackNames.applicationProblem("a".repeat(62))).hasValue("application directory \"" + "a".repeat(62)
        + "\" is not a valid stack name: 62 characters; the engine's names <stack>_<service> may have at most 63");
  }

  @ParameterizedTest
  @ValueSource(strings = {"active", "stage", "kth.se", "dev_2"})
  void clusterNamesTaken(String name) {
    assertThat(StackNames.clusterProblem(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {".hidden", "a b", "ac/tive", "-x"})
  void clusterNamesRefused(String name) {
    assertThat(StackNames.clusterProblem(name)).isPresent();
  }

  private StackModel model(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("docker-stack.yml"), yaml);
    return new StackReader().read(file, "app/active/docker-stack.yml", Map.of());
  }

  @Test
  void aServiceNameTheEngineRefusesIsFoundWithItsLine() throws Exception {
    StackModel stack = model("""
        version: "3.8"
        services:
          web.1:
            image: x:1
          ok:
            image: x:1
        """);

    assertThat(StackNames.problems(stack, "app")).containsExactly("app/active/docker-stack.yml:3: service web.1: the "
        + "engine would refuse its name app_web.1: a name may hold only letters, digits, '-' and '_', and must start and "
        + "end with a letter or digit");
  }

  @Test
  void serviceAndNetworkNamesLongerThanTheEngineTakes() throws Exception {
    String app = "a".repeat(50);
    StackModel stack = model("""
        version: "3.8"
        services:
          %s:
            image: x:1
            networks: [%s]
        networks:
          %s: {}
        """.formatted("s".repeat(13), "n".repeat(14), "n".repeat(14)));

    assertThat(StackNames.problems(stack, app)).containsExactly(
        "app/active/docker-stack.yml:3: service sssssssssssss: the engine would refuse its name " + app + "_sssssssssssss: "
            + "64 characters, the engine takes at most 63",
        "app/active/docker-stack.yml:7: network nnnnnnnnnnnnnn: the engine would refuse its name " + app
            + "_nnnnnnnnnnnnnn: 65 characters, the engine takes at most 63");
  }
}
