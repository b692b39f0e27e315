package se.kth.aspen.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrontEndRuleTest {

  @ParameterizedTest(name = "[{0}] publishes the root: {1}")
  @CsvSource(delimiterString = " => ", value = {
      "PathPrefix:/ => true",
      "Path:/ => true",
      "PathPrefixStrip:/ => true",
      "PathStrip:/ => true",
      "pathprefix:/ => true",
      "PathPrefix: / => true",
      "\"PathPrefix:/\" => true",
      "Host:www.kth.se;PathPrefix:/ => true",
      "PathPrefix:/app;Path:/ => true",
      "PathPrefix:/app,/ => true",
      "Host:www.kth.se; PathPrefixStrip:/ ; Method:GET => true",
      "PathPrefix(`/`) => true",
      "Host(`www.kth.se`) && PathPrefix(`/`) => true",
      "PathPrefix(`/app`) || Path(`/`) => true",
      "PathPrefix:/app => false",
      "PathPrefixStrip:/app/ => false",
      "Path:// => false",
      "PathPrefix: => false",
      "Host:www.kth.se => false",
      "Host:/ => false",
      "Headers:X,/ => false",
      "PathPrefix(`/app`) => false",
      "PathRegexp(`^/.*`) => false",
  })
  void onlyAPathMatcherWhoseValueIsExactlySlashIsTheRoot(String rule, boolean root) {
    assertThat(FrontEndRule.publishesRoot(rule)).isEqualTo(root);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', value = {
      "Host:www.kth.se;PathPrefix:/app,/api    | [/app, /api]",
      "Host(`a`) && PathPrefix(`/x`, `/y`)     | [/x, /y]",
      "Host:a                                  | []",
  })
  void listsThePathsARuleRoutes(String rule, String paths) {
    assertThat(FrontEndRule.paths(rule).toString()).isEqualTo(paths);
  }
}
