package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.core.pass.PassFixture.only;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every value form the Python tool accepted for an image's tag variable deploys the tag it
 * deployed, over the shared test registry's tags; what it refused is refused with a reason.
 */
class VersionFormsTest {

  static final String STACK = "app/active/docker-stack.yml";
  static final String IMAGE = "registry.example.org/busybox";

  @TempDir Path root;
  PassFixture f;

  @BeforeEach
  void registry() {
    f = new PassFixture(root);
    f.images.push(IMAGE, "1.0.0_abc", "1.2.3_def", "1.2.4_0a1b2c3", "2.0.0");
  }

  private AppResult passWith(String value) {
    f.registry.write(STACK, TestRegistry.stack(IMAGE + ":${APP_VERSION}", "      APP_VERSION: \"" + value + "\"\n", ""));
    return only(f.deploy(), STACK);
  }

  @ParameterizedTest(name = "APP_VERSION {0} deploys {1}")
  @CsvSource({
      "~1.2.0_abc, 1.2.4_0a1b2c3",
      "~1.2.0,     1.2.4_0a1b2c3",
      "1.2.3_def,  1.2.3_def",
      "1.2.3_zzz,  1.2.3_def",
      "1.2.3,      1.2.3_def",
      "^1.0.0,     1.2.4_0a1b2c3",
      "~1.2.9,     1.2.4_0a1b2c3",
  })
  void theOldToolsFormsDeployWhatItDeployed(String value, String tag) {
    AppResult result = passWith(value);

    assertThat(result.status()).as(result.toString()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(result.images().get("web")).startsWith(IMAGE + ":" + tag + "@");
  }

  @ParameterizedTest(name = "APP_VERSION {0} finds no release")
  @CsvSource({"^2.0.0", "2.0.0", "~1.3.0"})
  void aTagWithoutUnderscoreIsNeverPicked(String value) {
    AppResult result = passWith(value);

    assertThat(result.status()).isEqualTo(AppStatus.FAILED);
    assertThat(result.reason()).contains("service web: no tag of " + IMAGE + " satisfies " + value + "; pushed yet?");
  }

  @ParameterizedTest(name = "APP_VERSION \"{0}\" is not a version")
  @CsvSource({"latest, is \"latest\"", "'', has no value", "~1.2, is \"~1.2\""})
  void aValueThatIsNotAVersionIsNamedAsSuch(String value, String says) {
    AppResult result = passWith(value);

    assertThat(result.status()).isEqualTo(AppStatus.FAILED);
    assertThat(result.reason()).contains("service web: the image's tag variable APP_VERSION " + says
        + ", which is not a version (expected ~M.m.p, ^M.m.p or M.m.p, each optionally followed by _suffix)"
        + " (line 7)");
  }
}
