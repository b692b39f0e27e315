package se.kth.aspen.swarm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.testenv.TestEnvironment;
import se.kth.aspen.core.version.TagCatalog;
import se.kth.aspen.core.version.UnsatisfiedRangeException;
import se.kth.aspen.core.version.VersionRange;

/**
 * Core's version resolution ({@link TagCatalog}, {@link VersionRange}) over this client and the
 * real registry, whose busybox has 1.0.0_abc, 1.2.3_def, 1.2.4_0a1b2c3 and 2.0.0.
 */
class ResolveOverRegistryIT {

  private final TestEnvironment env = TestEnvironment.get();

  private TagCatalog catalog() {
    DockerRegistry registry = DockerRegistry.create(Registries.none().withPrimary(URI.create(env.registryUrl()),
        Optional.of(new RegistryLogin(env.registryUser(), Secret.of(env.registryPassword())))), Duration.ofSeconds(5));
    return new TagCatalog(registry, Duration.ofSeconds(5));
  }

  private static Deadline deadline() {
    return Deadline.in(Duration.ofSeconds(30));
  }

  @ParameterizedTest(name = "{0} resolves to {1}")
  @CsvSource({
      "~1.2.0, 1.2.4_0a1b2c3",
      "~1.2.4, 1.2.4_0a1b2c3",
      "^1.0.0, 1.2.4_0a1b2c3",
      "~1.0.0, 1.0.0_abc",
      "~1.2.9, 1.2.4_0a1b2c3",
      "1.2.3,  1.2.3_def",
      "1.2.3_x, 1.2.3_def",
  })
  void resolvesRangesOverTheTestImagesTags(String range, String expected) throws Exception {
    assertThat(catalog().resolve(ImageReference.parse(env.testImage()), VersionRange.parse(range), deadline()))
        .isEqualTo(expected);
  }

  @Test
  void resolvesAnImageWrittenWithItsTagVariable() throws Exception {
    ImageReference image = ImageReference.parse(env.testImage() + ":1.2.0");

    assertThat(catalog().resolve(image, VersionRange.parse("~1.2.0"), deadline())).isEqualTo("1.2.4_0a1b2c3");
  }

  /** The test image's {@code 2.0.0} has no {@code _}: like the Python tool, no range ever picks it. */
  @ParameterizedTest
  @ValueSource(strings = {"~3.0.0", "^2.0.0", "2.0.0"})
  void saysWhenNoTagSatisfiesTheRange(String range) {
    assertThatThrownBy(() -> catalog().resolve(ImageReference.parse(env.testImage()), VersionRange.parse(range), deadline()))
        .isInstanceOf(UnsatisfiedRangeException.class)
        .hasMessage("no tag of " + env.testImage() + " satisfies " + range + "; pushed yet?");
  }

  @Test
  void passesOnTheRegistrysAnswerForAnUnknownRepository() {
    ImageReference missing = ImageReference.parse(env.registryHost() + "/it-registry-never-pushed");

    assertThatThrownBy(() -> catalog().resolve(missing, VersionRange.parse("~1.2.0"), deadline()))
        .isInstanceOf(RefusedException.class)
        .hasMessage("listing tags of " + missing.name() + ": repository it-registry-never-pushed not found in registry "
            + env.registryHost() + " (HTTP 404)");
  }
}
