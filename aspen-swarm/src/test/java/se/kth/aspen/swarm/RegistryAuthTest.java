package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.port.ImageReference;
import se.kth.aspen.core.port.Secret;

class RegistryAuthTest {

  private final RegistryAuth auth = new RegistryAuth(Map.of(
      "127.0.0.1:5000", new SwarmSettings.RegistryLogin("aspen", Secret.of("aspen-test")),
      "docker.io", new SwarmSettings.RegistryLogin("hub", Secret.of("hub-pass"))));

  private static String decoded(Map<String, String> headers) {
    return new String(Base64.getUrlDecoder().decode(headers.get("X-Registry-Auth")), StandardCharsets.UTF_8);
  }

  @Test
  void theImagesRegistryHostPicksTheCredentialsAsDockerLoginStoredThem() {
    assertThat(decoded(auth.headersFor(ImageReference.parse("127.0.0.1:5000/busybox:1.0.0_abc"))))
        .isEqualTo("{\"username\":\"aspen\",\"password\":\"aspen-test\",\"serveraddress\":\"127.0.0.1:5000\"}");
  }

  @Test
  void dockerHubImagesUseTheDockerIoLogin() {
    assertThat(decoded(auth.headersFor(ImageReference.parse("redis:7")))).contains("\"username\":\"hub\"");
  }

  @Test
  void aRegistryWithoutCredentialsGetsNoHeader() {
    assertThat(auth.headersFor(ImageReference.parse("registry.example.org/app:1"))).isEmpty();
  }

  @Test
  void theLoginNeverShowsItsPassword() {
    assertThat(new SwarmSettings.RegistryLogin("aspen", Secret.of("aspen-test")).toString()).isEqualTo("RegistryLogin[aspen]");
  }
}
