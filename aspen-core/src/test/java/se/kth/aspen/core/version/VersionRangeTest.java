package se.kth.aspen.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VersionRangeTest {

  /** A slice of KTH's own tag list for kth-azure-app, in the registry's (unsorted) order. */
  static final List<String> KTH_TAGS = List.of(
      "2.9.158_f9c44d7", "2.9.161_4754e4f", "2.4.125_2a4f8a3", "2.7.84_d297141", "2.9.186_974c427",
      "2.8.137_8e8a930", "2.9.198_7c0c3b7", "2.9.179_4c2ffb0", "2.9.202_3b01b96", "0.6.223_0119e3e",
      "2.5.15_6b45aba", "2.9.200_3b01b96", "2.9.201_3b01b96", "2.4.200_f9c287b", "2.9.185_974c427");

  @Test
  void kthsOwnExpectationTildeTwoNineResolvesToTheirNewestBuild() {
    assertThat(VersionRange.parse("~2.9.0").best(KTH_TAGS)).contains("2.9.202_3b01b96");
  }

  @ParameterizedTest(name = "{0} over KTH''s tags picks {1}")
  @CsvSource({
      "~2.9.0,   2.9.202_3b01b96",
      "~2.9.190, 2.9.202_3b01b96",
      "~2.8.0,   2.8.137_8e8a930",
      "~2.4.125, 2.4.200_f9c287b",
      "^2.0.0,   2.9.202_3b01b96",
      "^2.5.0,   2.9.202_3b01b96",
      "^0.1.0,   0.6.223_0119e3e",
      "2.9.201,  2.9.201_3b01b96",
      "2.9.185_974c427, 2.9.185_974c427",
      "~2.1.3_abc123, ''",
      "~2.9.203, ''",
      "~3.0.0,   ''",
      "^1.0.0,   ''",
      "2.9.199,  ''",
      "2.9.185_0000000, ''",
  })
  void aRangePicksTheHighestTagWithinIt(String range, String expected) {
    Optional<String> want = expected.isEmpty() ? Optional.empty() : Optional.of(expected);
    assertThat(VersionRange.parse(range).best(KTH_TAGS)).isEqualTo(want);
  }

  @ParameterizedTest(name = "tildes do not cross minors: {0}")
  @CsvSource({
      "'1.2.3,1.3.0,1.2.10',          ~1.2.0, 1.2.10",
      "'1.2.3,1.2.3_abc,1.2.2',       ~1.2.0, 1.2.3_abc",
      "'1.2.3_abc,1.2.3_abd,1.2.3',   ~1.2.0, 1.2.3_abd",
      "'1.2.3_abd,1.2.3_abc',         1.2.3,  1.2.3_abd",
      "'1.10.0,1.9.0,1.2.0',          ^1.2.0, 1.10.0",
      "'1.2.3,1.2.4-rc.1,1.2.4-beta', ~1.2.0, 1.2.3",
      "'v1.2.9,1.2.3',                ~1.2.0, 1.2.3",
      "'latest,1.2,1.2.3.4,1.2.3',    ~1.2.0, 1.2.3",
      "'01.2.9,1.02.9,1.2.3',         ~1.2.0, 1.2.3",
  })
  void tagShapesAndTies(String tags, String range, String expected) {
    assertThat(VersionRange.parse(range).best(List.of(tags.split(",")))).contains(expected);
  }

  @Test
  void theChoiceDoesNotDependOnTheRegistrysOrder() {
    List<String> tags = new java.util.ArrayList<>(List.of("1.2.3", "1.2.3_b", "1.2.3_a", "1.2.2_z"));
    String first = VersionRange.parse("~1.2.0").best(tags).orElseThrow();
    java.util.Collections.reverse(tags);

    assertThat(VersionRange.parse("~1.2.0").best(tags)).contains(first).contains("1.2.3_b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "~1.2", "^1", ">=1.2.3", "~v1.2.3", "1.2.3-rc.1", "", "~~1.2.3", "1.2.3 || 2.0.0"})
  void textThatIsNotARangeIsRefusedByName(String text) {
    assertThat(VersionRange.read(text)).isEmpty();
    assertThatThrownBy(() -> VersionRange.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"" + text + "\" is not a version range: expected ~M.m.p, ^M.m.p or M.m.p");
  }

  @ParameterizedTest(name = "{0} is a release: {1}")
  @CsvSource({
      "2.9.202_3b01b96, true",
      "2.9.202, true",
      "0.0.0, true",
      "v2.9.202, false",
      "2.9.202-rc.1, false",
      "2.9, false",
      "2.9.202_, false",
      "1234567890.0.0, false",
  })
  void tagShapes(String tag, boolean release) {
    assertThat(TagVersion.parse(tag).isPresent()).isEqualTo(release);
  }
}
