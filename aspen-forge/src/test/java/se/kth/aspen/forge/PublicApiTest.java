package se.kth.aspen.forge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.kth.aspen.core.testing.PublicSurface;

/** One public entry type, its builder and its provider names; signatures speak JDK and aspen-core only. */
class PublicApiTest {

  @Test
  void onlyTheEntryItsBuilderAndItsProvidersArePublic() {
    assertThat(PublicSurface.publicTypes(ForgeCommitStatuses.class)).containsExactlyInAnyOrder(
        ForgeCommitStatuses.class, ForgeCommitStatuses.Builder.class, ForgeCommitStatuses.Provider.class);
  }

  @Test
  void publicSignaturesNameNoLibraryType() {
    assertThat(PublicSurface.foreignTypesInSignatures(PublicSurface.publicTypes(ForgeCommitStatuses.class), "se.kth.aspen.forge."))
        .isEmpty();
  }
}
