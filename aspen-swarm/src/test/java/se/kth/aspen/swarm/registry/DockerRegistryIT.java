package se.kth.aspen.swarm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.testenv.TestEnvironment;

/** Against the real, basic-auth protected registry of the test environment. */
class DockerRegistryIT {

  private final TestEnvironment env = TestEnvironment.get();

  private DockerRegistry client(Optional<String> user, Optional<String> password) {
    return DockerRegistry.create(Registries.none().withPrimary(URI.create(env.registryUrl()),
        user.map(u -> new RegistryLogin(u, Secret.of(password.orElseThrow())))), Duration.ofSeconds(5));
  }

  private DockerRegistry authenticated() {
    return client(Optional.of(env.registryUser()), Optional.of(env.registryPassword()));
  }

  private static Deadline deadline() {
    return Deadline.in(Duration.ofSeconds(30));
  }

  @Test
  void listsTheTestImagesTagsWithTheConfiguredCredentials() throws Exception {
    assertThat(authenticated().tags(ImageReference.parse(env.testImage()), deadline()))
        .containsExactlyInAnyOrderElementsOf(env.testImageTags());
  }

  @Test
  void looksUpAnImageWithoutRegistryHostInTheConfiguredRegistry() throws Exception {
    assertThat(authenticated().tags(ImageReference.parse("busybox:1.2.3"), deadline()))
        .containsExactlyInAnyOrderElementsOf(env.testImageTags());
  }

  @Test
  void refusesAWrongPasswordNamingTheUserOnly() {
    DockerRegistry client = client(Optional.of(env.registryUser()), Optional.of("not-the-password"));

    assertThatThrownBy(() -> client.tags(ImageReference.parse(env.testImage()), deadline()))
        .isInstanceOf(RefusedException.class)
        .hasMessage("listing tags of " + env.testImage() + ": registry " + env.registryHost()
            + " rejected the credentials of user \"" + env.registryUser() + "\" (HTTP 401)")
        .hasMessageNotContaining("not-the-password");
  }

  @Test
  void saysCredentialsAreNeededWhenNoneAreConfigured() {
    assertThatThrownBy(() -> client(Optional.empty(), Optional.empty()).tags(ImageReference.parse(env.testImage()), deadline()))
        .isInstanceOf(RefusedException.class)
        .hasMessage("listing tags of " + env.testImage() + ": registry " + env.registryHost()
            + " requires credentials and none are configured for it (HTTP 401)");
  }

  @Test
  void namesAnUnknownRepository() {
    ImageReference missing = ImageReference.parse(env.registryHost() + "/it-registry-never-pushed");

    assertThatThrownBy(() -> authenticated().tags(missing, deadline()))
        .isInstanceOf(RefusedException.class)
        .hasMessage("listing tags of " + missing.name() + ": repository it-registry-never-pushed not found in registry "
            + env.registryHost() + " (HTTP 404)");
  }

  @Test
  void listsEveryTagOfARepositoryWithMoreThanAHundred() throws Exception {
    List<String> tags = IntStream.rangeClosed(1, 125).mapToObj(i -> "1." + i + ".0_b" + i).toList();
    try (PushedRepository repository = new PushedRepository(tags)) {
      assertThat(authenticated().tags(ImageReference.parse(repository.image()), deadline()))
          .containsExactlyInAnyOrderElementsOf(tags);
    }
  }

  @Test
  void readsTheDigestThePushReported() throws Exception {
    try (PushedRepository repository = new PushedRepository(List.of("1.0.0", "1.0.1"))) {
      ImageReference image = ImageReference.parse(repository.image() + ":1.0.1");

      assertThat(authenticated().digest(image, deadline())).isEqualTo(repository.pushedDigest());
    }
  }

  @Test
  void namesAnUnknownTagWhenAskedForItsDigest() {
    ImageReference image = ImageReference.parse(env.testImage() + ":9.9.9");

    assertThatThrownBy(() -> authenticated().digest(image, deadline()))
        .isInstanceOf(RefusedException.class)
        .hasMessage("reading the manifest digest of " + env.testImage() + ":9.9.9: no manifest 9.9.9 in repository busybox"
            + " in registry " + env.registryHost() + " (HTTP 404)");
  }
}
