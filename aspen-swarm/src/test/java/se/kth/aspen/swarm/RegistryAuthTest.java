package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.swarm.registry.Registries;
import se.kth.aspen.swarm.registry.RegistryLogin;

class RegistryAuthTest {

  @TempDir Path dir;

  private RegistryAuth auth() throws IOException {
    Path config = dir.resolve("config.json");
    Files.writeString(config, """
        {"auths": {
          "https://index.docker.io/v1/": {"auth": "%s"},
          "other.example.org:8443": {"auth": "%s"}
        }}""".formatted(base64("hub:hub-pass"), base64("other:other-pass")));
    return new RegistryAuth(Registries.none()
        .withPrimary(URI.create("http://127.0.0.1:5000"), Optional.of(new RegistryLogin("aspen", Secret.of("aspen-test"))))
        .withAzure(URI.create("https://team.azurecr.io"), new RegistryLogin("azure-user", Secret.of("azure-pass")))
        .withDockerConfig(config));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decoded(Map<String, String> headers) {
    return new String(Base64.getUrlDecoder().decode(headers.get("X-Registry-Auth")), StandardCharsets.UTF_8);
  }

  @Test
  void theImagesRegistryHostPicksTheCredentialsAsDockerLoginStoredThem() throws IOException {
    assertThat(decoded(auth().headersFor(ImageReference.parse("127.0.0.1:5000/busybox:1.0.0_abc"))))
        .isEqualTo("{\"username\":\"aspen\",\"password\":\"aspen-test\",\"serveraddress\":\"127.0.0.1:5000\"}");
  }

  @Test
  void eachRegistryGetsItsOwnLogin() throws IOException {
    RegistryAuth auth = auth();
    assertThat(decoded(auth.headersFor(ImageReference.parse("team.azurecr.io/app:1.0.0_a"))))
        .isEqualTo("{\"username\":\"azure-user\",\"password\":\"azure-pass\",\"serveraddress\":\"team.azurecr.io\"}");
    assertThat(decoded(auth.headersFor(ImageReference.parse("other.example.org:8443/team/app:2"))))
        .isEqualTo("{\"username\":\"other\",\"password\":\"other-pass\",\"serveraddress\":\"other.example.org:8443\"}");
  }

  @Test
  void dockerHubImagesUseTheDockerHubLogin() throws IOException {
    assertThat(decoded(auth().headersFor(ImageReference.parse("redis:7")))).contains("\"username\":\"hub\"");
    assertThat(decoded(auth().headersFor(ImageReference.parse("docker.io/library/redis:7")))).contains("\"username\":\"hub\"");
  }

  @Test
  void aRegistryWithoutCredentialsGetsNoHeader() throws IOException {
    assertThat(auth().headersFor(ImageReference.parse("registry.example.org/app:1"))).isEmpty();
    assertThat(auth().headersFor(ImageReference.parse("other.example.org/app:1"))).isEmpty();
  }

  @Test
  void theLoginNeverShowsItsPassword() {
    assertThat(new RegistryLogin("aspen", Secret.of("aspen-test")).toString()).isEqualTo("RegistryLogin[user=aspen, password=hidden]");
  }
}
