package se.kth.aspen.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.kth.aspen.core.testing.PublicSurface;

/** STYLE 1 and 2: one public type, and it speaks JDK and aspen-core types only. */
class PublicApiTest {

  @Test
  void onlyTheStoreIsPublic() {
    assertThat(PublicSurface.publicTypes(RedisStateStore.class)).containsExactly(RedisStateStore.class);
  }

  @Test
  void publicSignaturesNameNoLibraryType() {
    assertThat(PublicSurface.foreignTypesInSignatures(
            PublicSurface.publicTypes(RedisStateStore.class), "se.kth.aspen.redis."))
        .isEmpty();
  }
}
