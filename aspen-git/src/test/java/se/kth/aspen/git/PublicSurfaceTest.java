package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.kth.aspen.core.testing.PublicSurface;

/** One public entry type and its settings; their public signatures speak JDK and aspen-core only. */
class PublicSurfaceTest {

  @Test
  void onlyTheSourceAndItsSettingsArePublic() {
    assertThat(PublicSurface.publicTypes(GitRegistrySource.class))
        .containsExactlyInAnyOrder(GitRegistrySource.class, GitRegistrySettings.class);
  }

  @Test
  void publicSignaturesNameOnlyJdkAndCoreTypes() {
    assertThat(PublicSurface.foreignTypesInSignatures(
            PublicSurface.publicTypes(GitRegistrySource.class), "se.kth.aspen.git.Git"))
        .isEmpty();
  }
}
