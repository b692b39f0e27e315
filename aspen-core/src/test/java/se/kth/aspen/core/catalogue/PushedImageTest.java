package se.kth.aspen.core.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.image.ImageReference;

class PushedImageTest {

  @Test
  void aPushNamesImagesOfTheSameRepositoryOnTheSameOrAnUnnamedRegistry() {
    PushedImage pushed = new PushedImage(Optional.of("Registry.Example.org:5000"), "team/app", "1.2.3");

    assertThat(pushed.names(ImageReference.parse("registry.example.org:5000/team/app:x"))).isTrue();
    assertThat(pushed.names(ImageReference.parse("team/app:x"))).isTrue();
    assertThat(pushed.names(ImageReference.parse("other.example.org/team/app:x"))).isFalse();
    assertThat(pushed.names(ImageReference.parse("registry.example.org:5000/team/app2:x"))).isFalse();
  }

  @Test
  void dockerHubsLibraryPrefixIsTheShortName() {
    PushedImage pushed = new PushedImage(Optional.empty(), "library/nginx", "1.25.0");

    assertThat(pushed.names(ImageReference.parse("nginx:x"))).isTrue();
    assertThat(pushed.names(ImageReference.parse("docker.io/library/nginx:x"))).isTrue();
    assertThat(pushed.names(ImageReference.parse("nginx2:x"))).isFalse();
  }
}
