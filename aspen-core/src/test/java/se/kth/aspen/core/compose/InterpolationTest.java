package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterpolationTest {

  static final Map<String, String> VARIABLES = Map.of("TAG", "1.2.4", "EMPTY", "", "_x1", "under");

  @ParameterizedTest(name = "{0} -> [{1}]")
  @CsvSource(delimiter = '|', emptyValue = "", value = {
      "plain text                  | plain text",
      "$TAG                        | 1.2.4",
      "${TAG}                      | 1.2.4",
      "v$TAG-x                     | v1.2.4-x",
      "v${TAG}x                    | v1.2.4x",
      "$TAGx                       | ''",
      "x${NOPE}y                   | xy",
      "$NOPE                       | ''",
      "${_x1}                      | under",
      "${TAG:-dflt}                | 1.2.4",
      "${EMPTY:-dflt}              | dflt",
      "${NOPE:-dflt}               | dflt",
      "${TAG-dflt}                 | 1.2.4",
      "${EMPTY-dflt}               | ''",
      "${NOPE-dflt}                | dflt",
      "${NOPE:-}                   | ''",
      "${NOPE:-a b:c}              | a b:c",
      "${TAG:?must be set}         | 1.2.4",
      "${TAG?must be set}          | 1.2.4",
      "${EMPTY?must be set}        | ''",
      "$$                          | $",
      "$$TAG                       | $TAG",
      "$${TAG}                     | ${TAG}",
      "cost $$5                    | cost $5",
      "$$$TAG                      | $1.2.4",
      "${NOPE:-${TAG}}             | ${TAG}",
      "${NOPE:-$TAG}               | $TAG",
  })
  void substitutesAsTheComposeCliDoes(String value, String expected) throws Exception {
    assertThat(Interpolation.apply(value, VARIABLES)).isEqualTo(expected.equals("''") ? "" : expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "${NOPE:?TAG must be set}  | \"required variable NOPE is missing a value: TAG must be set\"",
      "${EMPTY:?empty}           | \"required variable EMPTY is missing a value: empty\"",
      "${NOPE?unset}             | \"required variable NOPE is missing a value: unset\"",
      "cost $5                   | \"cost $5\"",
      "ends with $               | \"ends with $\"",
      "${TAG                     | \"${TAG\"",
      "x${                       | \"x${\"",
      "${}                       | \"${}\"",
      "${5X}                     | \"${5X}\"",
      "${TAG:+alt}               | \"${TAG:+alt}\"",
      "${TAG:x}                  | \"${TAG:x}\"",
      "${A B}                    | \"${A B}\"",
      "$-                        | \"$-\"",
  })
  void refusesInvalidFormatsAndMissingRequiredValues(String value, String quoted) {
    assertThatThrownBy(() -> Interpolation.apply(value, VARIABLES))
        .isInstanceOf(Interpolation.Invalid.class)
        .hasMessage(quoted);
  }

  @org.junit.jupiter.api.Test
  void theMessageReadsLikeTheCli() {
    Interpolation.Invalid invalid = new Interpolation.Invalid("\"required variable TAG is missing a value: TAG must be set\"");
    assertThat(Interpolation.message("services.a.image", invalid)).isEqualTo(
        "invalid interpolation format for services.a.image: \"required variable TAG is missing a value: TAG must be set\"; "
            + "you may need to escape any $ with another $");
  }
}
