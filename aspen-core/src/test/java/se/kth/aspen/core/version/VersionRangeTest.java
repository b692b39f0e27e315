package se.kth.aspen.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Python tool's version rules ({@code semver.py}, {@code regex.py}), case by case. */
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
      "~2.9.203, 2.9.202_3b01b96",
      "~2.8.0,   2.8.137_8e8a930",
      "~2.4.125, 2.4.200_f9c287b",
      "^2.0.0,   2.9.202_3b01b96",
      "^2.5.0,   2.9.202_3b01b96",
      "^0.1.0,   0.6.223_0119e3e",
      "^0.9.0,   0.6.223_0119e3e",
      "2.9.201,  2.9.201_3b01b96",
      "2.9.185_974c427, 2.9.185_974c427",
      "2.9.185_0000000, 2.9.185_974c427",
      "~1.2.0_abc, ''",
      "~2.1.3_abc123, ''",
      "~3.0.0,   ''",
      "^1.0.0,   ''",
      "2.9.199,  ''",
  })
  void aRangePicksTheNewestReleaseOfItsMajorMinorOrVersion(String range, String expected) {
    Optional<String> want = expected.isEmpty() ? Optional.empty() : Optional.of(expected);
    assertThat(VersionRange.parse(range).best(KTH_TAGS)).isEqualTo(want);
  }

  @ParameterizedTest(name = "{1} over {0} picks {2}")
  @CsvSource({
      "'1.2.3_a,1.3.0_a,1.2.10_a',        ~1.2.0,     1.2.10_a",
      "'1.2.3,1.2.3_abc,1.2.9',           ~1.2.0,     1.2.3_abc",
      "'1.2.3_abd,1.2.3_abc,1.2.3',       ~1.2.0,     1.2.3_abd",
      "'1.2.3_abc,1.2.3_abd',             1.2.3_abd,  1.2.3_abc",
      "'1.10.0_x,1.9.0_x,1.2.0_x',        ^1.2.0,     1.10.0_x",
      "'1.2.3_x,1.2.4-rc.1_x,1.2.4-beta', ~1.2.0,     1.2.3_x",
      "'v1.2.9_x,1.2.3_x',                ~1.2.0,     1.2.3_x",
      "'latest,1.2_x,1.2.3.4_x,1.2.3_x',  ~1.2.0,     1.2.3_x",
      "'01.2.9_x,1.2.3_x',                ~1.2.0,     1.2.3_x",
      "'1.02.9_x,1.2.3_x',                ~1.2.0,     1.02.9_x",
      "'1.2.3_,1.2.2_x',                  ~1.2.0,     1.2.3_",
      "'1.2.3_a_b,1.2.2_x',               1.2.3,      1.2.3_a_b",
      "'2.0.0,2.0.1,1.9.0_x',             ^2.0.0,     ''",
  })
  void onlyTagsWithAnUnderscoreAreReleasesAndNumbersCompareAsNumbers(String tags, String range, String expected) {
    Optional<String> want = expected.isEmpty() ? Optional.empty() : Optional.of(expected);
    assertThat(VersionRange.parse(range).best(List.of(tags.split(",")))).isEqualTo(want);
  }

  @Test
  void amongBuildsOfOneVersionTheFirstTheRegistryListsWins() {
    assertThat(VersionRange.parse("~1.2.0").best(List.of("1.2.2_z", "1.2.3_b", "1.2.3_a"))).contains("1.2.3_b");
    assertThat(VersionRange.parse("~1.2.0").best(List.of("1.2.3_a", "1.2.3_b", "1.2.2_z"))).contains("1.2.3_a");
  }

  @ParameterizedTest
  @CsvSource({"~1.2.0_abc, PATCHES, 1.2.0", "^2.0.0, MINORS, 2.0.0", "1.2.3_def, EXACT, 1.2.3", "' 1.02.03 ', EXACT, 1.2.3",
      "~0.0.7_x_y, PATCHES, 0.0.7"})
  void everyValueFormOfTheOldToolIsARange(String text, VersionRange.Kind kind, String base) {
    VersionRange range = VersionRange.parse(text);

    assertThat(range.kind()).isEqualTo(kind);
    assertThat(range.base()).hasToString(base);
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "~1.2", "^1", ">=1.2.3", "~v1.2.3", "1.2.3-rc.1", "", "~~1.2.3", "1.2.3 || 2.0.0",
      "01.2.3", "~^1.2.3", "1.2.3.4"})
  void textThatIsNotARangeIsRefusedByName(String text) {
    assertThat(VersionRange.read(text)).isEmpty();
    assertThatThrownBy(() -> VersionRange.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"" + text + "\" is not a version range: expected ~M.m.p, ^M.m.p or M.m.p, each optionally"
            + " followed by _suffix");
  }

  @Test
  void theMessageForAValueThatIsNotAVersionSaysSo() {
    assertThat(VersionRange.notAVersion("TAG", "latest")).isEqualTo("the image's tag variable TAG is \"latest\","
        + " which is not a version (expected ~M.m.p, ^M.m.p or M.m.p, each optionally followed by _suffix)");
    assertThat(VersionRange.notAVersion("TAG", "")).startsWith("the image's tag variable TAG has no value,");
  }

  @ParameterizedTest(name = "{0} is a release: {1}")
  @CsvSource({
      "2.9.202_3b01b96, true",
      "2.9.202_, true",
      "1.02.003_x, true",
      "2.9.202, false",
      "0.0.0, false",
      "v2.9.202_x, false",
      "2.9.202-rc.1, false",
      "2.9_x, false",
      "02.9.202_x, false",
      "99999999999999999999.0.0_x, false",
  })
  void tagShapes(String tag, boolean release) {
    assertThat(TagVersion.parse(tag).isPresent()).isEqualTo(release);
  }
}
