package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code ${VAR}} gets its value: the stack's own service environments, under the pass's
 * variables (resolved versions, {@code APPLICATION_NAME}, {@code PORTILLO_CLUSTER}); never the
 * process environment. What is set nowhere is empty, with a warning naming the file and line.
 */
class InterpolationSourcesTest {

  @TempDir Path dir;

  static final String STACK = """
      services:
        web:
          image: r.org/web:${TAG}
          environment:
            TAG: "~1.2.0"
            DOMAIN: app.example.org
            WHO: ${APPLICATION_NAME}-${PORTILLO_CLUSTER}
          labels:
            rule: Host:${DOMAIN}
            queue: ${QUEUE}
            home: "${HOME}"
        worker:
          image: r.org/worker:1.0.0_a
          environment:
            - QUEUE=jobs
            - DOMAIN=worker.example.org
      """;

  private StackModel model(String yaml) throws Exception {
    return new StackFiles(dir).model(yaml, Map.of("TAG", "1.2.4_0a1b2c3", "APPLICATION_NAME", "app",
        "PORTILLO_CLUSTER", "active"));
  }

  @Test
  void anyServicesEnvironmentEntryFillsAVariableLaterServicesWinningAndThePassesVariablesOverAll() throws Exception {
    ServiceSpec web = model(STACK).services().get("web");

    assertThat(web.image()).isEqualTo("r.org/web:1.2.4_0a1b2c3");
    assertThat(web.labels()).containsEntry("queue", "jobs").containsEntry("rule", "Host:worker.example.org");
    assertThat(web.environment()).containsEntry("WHO", Optional.of("app-active"));
  }

  @Test
  void theProcessEnvironmentIsNeverUsedAndAnUnsetVariableIsAWarningNamingFileAndLine() throws Exception {
    assertThat(System.getenv("HOME")).as("the test needs HOME in its own environment").isNotBlank();

    StackModel model = model(STACK);

    assertThat(model.services().get("web").labels()).containsEntry("home", "");
    assertThat(model.warnings()).extracting(StackWarning::toString).containsExactly(
        "service web: variable HOME is not set, so labels.home has an empty string in its"
            + " place (variables come from the stack's service environments, APPLICATION_NAME and PORTILLO_CLUSTER)"
            + " (line 11)");
  }

  @Test
  void aVariableWithADefaultOrSetEmptyIsNoWarning() throws Exception {
    StackModel model = model("services:\n  web:\n    image: r.org/web:1.0.0_a\n    environment:\n      EMPTY: \"\"\n"
        + "      A: ${NOPE:-x}\n      B: ${NOPE-y}\n      C: ${EMPTY}\n");

    assertThat(model.warnings()).isEmpty();
    assertThat(model.services().get("web").environment()).containsEntry("A", Optional.of("x"))
        .containsEntry("B", Optional.of("y")).containsEntry("C", Optional.of(""));
  }

  @Test
  void aRequiredVariableSetNowhereIsAnErrorWithItsMessage() {
    assertThatThrownBy(() -> model("services:\n  web:\n    image: r.org/web:1.0.0_a\n    environment:\n"
        + "      DB: ${DB_URL:?set DB_URL in the environment}\n"))
        .isInstanceOf(StackFileException.class)
        .hasMessageContaining(StackFiles.FILE + ":5")
        .hasMessageContaining("required variable DB_URL is missing a value: set DB_URL in the environment");
  }
}
