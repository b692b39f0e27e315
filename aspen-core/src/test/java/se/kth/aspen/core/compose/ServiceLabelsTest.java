package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceLabelsTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "[{0}] reads as [{1}]")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "report|report",
      "`  report  `|report",
      "`\"report\"`|report",
      "`'report'`|report",
      "` \"report\" `|report",
      "`\"report'`|`\"report'`",
      "`\"`|`\"`",
      "`\"\"`|``",
      "`rep\"ort`|`rep\"ort`",
      "`\"The \"best\" app\"`|`The \"best\" app`"})
  void aValueLosesItsBlanksAndOnePairOfMatchingQuotes(String text, String read) {
    assertThat(ServiceLabels.unquote(text)).isEqualTo(read);
  }

  @ParameterizedTest(name = "[{0}] reads as {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "a,b|a;b",
      "` a , b ,, `|a;b",
      "`\"a,b\"`|a;b",
      "`'a, b'`|a;b",
      "`\"a\", \"b\"`|a;b",
      "`'a','b'`|a;b",
      "`\"a\",b`|a;b",
      "``|``",
      "`\"\"`|``"})
  void aListIsSplitAfterItsWholeValueOrEachItemIsUnquoted(String text, String items) {
    List<String> expected = items == null || items.isEmpty() ? List.of() : List.of(items.split(";"));
    assertThat(ServiceLabels.list(text, ",")).isEqualTo(expected);
  }

  @Test
  void aListMaySplitOnSeveralSeparators() {
    assertThat(ServiceLabels.list("\"replicas; labels.traefik.*, env\"", ",;")).containsExactly("replicas", "labels.traefik.*", "env");
  }

  @Test
  void aContainerLabelWinsOverADeployLabelAndEitherIsRead() throws Exception {
    StackFiles files = new StackFiles(dir);
    ServiceSpec both = files.web("    labels:\n      se.kth.aspen.drift: '\"revert\"'\n    deploy:\n      labels:\n"
        + "        se.kth.aspen.drift: report\n");
    ServiceSpec deployOnly = files.web("    deploy:\n      labels:\n        - se.kth.aspen.drift=\"report\"\n");

    assertThat(ServiceLabels.value(both, "se.kth.aspen.drift")).contains("revert");
    assertThat(ServiceLabels.value(deployOnly, "se.kth.aspen.drift")).contains("report");
    assertThat(ServiceLabels.value(deployOnly, "se.kth.aspen.rollbackOnFailure")).isEmpty();
  }
}
