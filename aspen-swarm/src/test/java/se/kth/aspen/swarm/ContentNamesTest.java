package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentNamesTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theNameIsTheBaseAndSixteenHexThatChangeWithTheContentOnly() {
    String first = ContentNames.of("app_settings", "config", bytes("a=1"));

    assertThat(first).matches("app_settings_[0-9a-f]{16}");
    assertThat(ContentNames.of("app_settings", "config", bytes("a=1"))).isEqualTo(first);
    assertThat(ContentNames.of("app_settings", "config", bytes("a=2"))).isNotEqualTo(first);
    assertThat(ContentNames.of("app_settings", "config\0golang", bytes("a=1"))).isNotEqualTo(first);
  }

  @Test
  void aLongBaseIsCutSoThatTheNameStaysWithinSwarmsLimit() {
    String base = "s".repeat(60) + "_settings";

    String name = ContentNames.of(base, "config", bytes("a=1"));

    assertThat(name).hasSize(ContentNames.MAX_LENGTH).startsWith("s".repeat(47) + "_").matches(".*_[0-9a-f]{16}");
    assertThat(ContentNames.of(base + "2", "config", bytes("a=1"))).isNotEqualTo(name);
  }
}
