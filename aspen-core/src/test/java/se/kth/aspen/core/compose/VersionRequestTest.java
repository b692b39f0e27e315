package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionRequestTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource(delimiter = '|', value = {
      "reg.example.org/app:${TAG}  | TAG: \"~2.9.0\"      | TAG | ~2.9.0",
      "reg.example.org/app:${TAG}  | TAG: ^2.9.0          | TAG | ^2.9.0",
      "reg.example.org/app:${TAG}  | TAG: 2.9.202         | TAG | 2.9.202",
      "reg.example.org/app:$TAG    | TAG: \" ~2.9.0 \"    | TAG | ~2.9.0",
      "localhost:5000/a/b:${V_1}   | V_1: ~1.0.0          | V_1 | ~1.0.0",
  })
  void aTagVariableWithARangeInTheEnvironmentIsARequest(String image, String env, String variable, String range) throws Exception {
    StackSource source = new StackFiles(dir).parse("services:\n  web:\n    image: " + image + "\n    environment:\n      " + env + "\n");
    assertThat(source.versionRequests()).containsExactly(new VersionRequest("web", variable, range, image, 5));
  }

  @Test
  void theListFormOfTheEnvironmentWorksToo() throws Exception {
    StackSource source = new StackFiles(dir).parse("services:\n  web:\n    image: r.org/a:${TAG}\n    environment:\n      - X=1\n      - TAG=~1.2.0\n");
    assertThat(source.versionRequests()).containsExactly(new VersionRequest("web", "TAG", "~1.2.0", "r.org/a:${TAG}", 6));
  }

  @ParameterizedTest(name = "{0} is a request for the resolution to refuse")
  @CsvSource(delimiter = '|', value = {
      "TAG: latest     | latest",
      "TAG: ~2.9       | ~2.9",
      "TAG: v2.9.0     | v2.9.0",
      "TAG:            | ''",
      "TAG: ''         | ''",
  })
  void anyValueOfTheTagVariableIsARequestAsInTheOldTool(String env, String value) throws Exception {
    StackSource source = new StackFiles(dir).parse("services:\n  web:\n    image: r.org/a:${TAG}\n    environment:\n      " + env + "\n");
    assertThat(source.versionRequests()).containsExactly(new VersionRequest("web", "TAG", value, "r.org/a:${TAG}", 5));
  }

  @Test
  void aVariableListedWithoutAValueIsARequestWithNoValue() throws Exception {
    StackSource source = new StackFiles(dir).parse("services:\n  web:\n    image: r.org/a:${TAG}\n    environment:\n      - TAG\n");
    assertThat(source.versionRequests()).containsExactly(new VersionRequest("web", "TAG", "", "r.org/a:${TAG}", 5));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource(delimiter = '|', value = {
      "r.org/app:${TAG}     | OTHER: ~2.9.0",
      "r.org/app:v${TAG}    | TAG: ~2.9.0",
      "r.org/${TAG}         | TAG: ~2.9.0",
      "r.org/app:1.2.3      | TAG: ~2.9.0",
  })
  void anythingElseIsNotARequest(String image, String env) throws Exception {
    assertThat(new StackFiles(dir).parse("services:\n  web:\n    image: " + image + "\n    environment:\n      " + env + "\n")
        .versionRequests()).isEmpty();
  }

  @Test
  void theResolvedTagReplacesTheRangeOnlyInItsOwnService() throws Exception {
    StackModel model = new StackFiles(dir).model("""
        services:
          web:
            image: r.org/web:${TAG}
            environment: [TAG=~1.2.0]
          api:
            image: r.org/api:1.0.0
            environment: {TAG: "~1.2.0"}
        """, Map.of("TAG", "1.2.4_0a1b2c3"));
    assertThat(model.services().get("web").environment()).containsEntry("TAG", Optional.of("1.2.4_0a1b2c3"));
    assertThat(model.services().get("web").image()).isEqualTo("r.org/web:1.2.4_0a1b2c3");
    assertThat(model.services().get("api").environment()).containsEntry("TAG", Optional.of("~1.2.0"));
  }

  @Test
  void twoServicesCannotGiveOneVariableDifferentRanges() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StackFiles(dir).parse("""
        services:
          web:
            image: r.org/web:${TAG}
            environment: [TAG=~1.2.0]
          api:
            image: r.org/api:${TAG}
            environment: [TAG=^2.0.0]
        """))
        .isInstanceOf(StackFileException.class)
        .hasMessage(StackFiles.FILE + ":7: service api: variable TAG is given the range ^2.0.0 here and ~1.2.0 in service web "
            + "(line 4); a variable has one value, so use one variable per range");
  }

  @Test
  void twoServicesMayShareOneVariableWithTheSameRange() throws Exception {
    assertThat(new StackFiles(dir).parse("""
        services:
          web: {image: "r.org/web:${TAG}", environment: [TAG=~1.2.0]}
          api: {image: "r.org/api:${TAG}", environment: [TAG=~1.2.0]}
        """).versionRequests()).hasSize(2);
  }
}
