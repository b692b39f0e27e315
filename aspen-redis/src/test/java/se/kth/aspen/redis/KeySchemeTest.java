package se.kth.aspen.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.TargetKey;

class KeySchemeTest {

  private static final TargetKey TARGET = new TargetKey("kth", "active", "team/app/active/docker-stack.yml");

  @Test
  void keysReadAsTheReadmeSays() {
    assertThat(KeyScheme.target(TARGET)).isEqualTo("aspen:kth:target:active:team/app/active/docker-stack.yml");
    assertThat(KeyScheme.lease(TARGET)).isEqualTo("aspen:kth:lease:active:team/app/active/docker-stack.yml");
    assertThat(KeyScheme.error(new ErrorMark(TARGET, "Verify")))
        .isEqualTo("aspen:kth:error:active:Verify:team/app/active/docker-stack.yml");
  }

  @Test
  void colonsAndPercentsInGroupClusterAndStepAreEncodedButNotInThePath() {
    TargetKey odd = new TargetKey("a:b%", "c:d", "x:y.yml");

    assertThat(KeyScheme.target(odd)).isEqualTo("aspen:a%3Ab%25:target:c%3Ad:x:y.yml");
    assertThat(KeyScheme.error(new ErrorMark(odd, "s:t"))).isEqualTo("aspen:a%3Ab%25:error:c%3Ad:s%3At:x:y.yml");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "aspen:kth:target:     | aspen:kth:target:*",
    "aspen:g*?:target:     | aspen:g\\*\\?:target:*",
    "aspen:[g]\\:target:   | aspen:\\[g\\]\\\\:target:*",
  })
  void scanPatternsMatchGlobCharactersLiterally(String start, String pattern) {
    assertThat(KeyScheme.startingWith(start)).isEqualTo(pattern);
  }

  @Test
  void theStackPathOfAnErrorKeyIsWhatFollowsTheStep() {
    String key = KeyScheme.error(new ErrorMark(new TargetKey("kth", "active", "y:x.yml"), "Deploy"));

    assertThat(KeyScheme.stackPathOfError("kth", "active", key)).contains("y:x.yml");
    assertThat(KeyScheme.stackPathOfError("kth", "stage", key)).isEmpty();
  }
}
