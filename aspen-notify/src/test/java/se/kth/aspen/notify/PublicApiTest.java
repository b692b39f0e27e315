package se.kth.aspen.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.kth.aspen.core.testing.PublicSurface;

/** STYLE 1 and 2: few public types, and they speak JDK and aspen-core types only. */
class PublicApiTest {

  @Test
  void onlyTheNotifiersAndTheBuilderArePublic() {
    assertThat(PublicSurface.publicTypes(HttpNotifier.class))
        .containsExactlyInAnyOrder(HttpNotifier.class, HttpNotifier.Builder.class, LogNotifier.class);
  }

  @Test
  void publicSignaturesNameNoLibraryType() {
    assertThat(PublicSurface.foreignTypesInSignatures(
            PublicSurface.publicTypes(HttpNotifier.class), "se.kth.aspen.notify."))
        .isEmpty();
  }
}
