package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellWordsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "echo \"hello world\" && sleep 1d  | echo,hello world,&&,sleep,1d",
      "httpd -f -p 8080                  | httpd,-f,-p,8080",
      "'single  quoted' x                | single  quoted,x",
      "a\\ b c                           | a b,c",
      "\"a \\\"q\\\" b\"                 | a \"q\" b",
      "\"back\\slash\"                   | back\\slash",
      "'  spaced   out  '                | spaced,out",
      "x\"y z\"w                         | xy zw",
  })
  void splitsLikeAShellWithoutExpansion(String line, String words) {
    List<String> expected = Arrays.asList(words.split(","));
    assertThat(ShellWords.split(line)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"echo \"open | has an unterminated double quote", "echo 'open | has an unterminated single quote"})
  void refusesAnUnterminatedQuote(String line, String message) {
    assertThatThrownBy(() -> ShellWords.split(line)).hasMessage(message);
  }
}
