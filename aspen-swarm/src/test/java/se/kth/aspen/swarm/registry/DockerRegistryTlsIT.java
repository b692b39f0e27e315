package se.kth.aspen.swarm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.UnreachableException;
import se.kth.aspen.core.testenv.TestEnvironment;

/** Aspen's own HTTP client over TLS, against a real registry serving https with a certificate of the test's. */
class DockerRegistryTlsIT {

  @TempDir
  static Path dir;

  private static TlsRegistry registry;
  private final TestEnvironment env = TestEnvironment.get();

  @BeforeAll
  static void start() throws Exception {
    registry = new TlsRegistry(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    registry.close();
  }

  private DockerRegistry client(String host, ConnectionOpener opener) {
    Registries registries = Registries.none().withPrimary(URI.create("https://" + host + ":" + registry.port()),
        Optional.of(new RegistryLogin(env.registryUser(), Secret.of(env.registryPassword()))));
    RegistryHttp http = new RegistryHttp(Duration.ofSeconds(5), RegistryHttp.MAX_BODY_BYTES, opener,
        new ConnectionPool(4, Duration.ofSeconds(30)));
    return DockerRegistry.create(registries, http, InstantSource.system());
  }

  private ConnectionOpener trustingTheRegistry() {
    return new ConnectionOpener(registry::trusting);
  }

  private String busybox(String host) {
    return host + ":" + registry.port() + "/" + env.testImage().substring(env.testImage().indexOf('/') + 1);
  }

  @Test
  void listsTagsAndReadsDigestsOverHttpsFromARegistryWhoseCertificateIsTrusted() throws Exception {
    DockerRegistry client = client("localhost", trustingTheRegistry());
    ImageReference image = ImageReference.parse(busybox("localhost"));

    assertThat(client.tags(image, Deadline.in(Duration.ofSeconds(20))))
        .containsExactlyInAnyOrderElementsOf(env.testImageTags());
    assertThat(client.digest(ImageReference.parse(busybox("localhost") + ":" + env.testImageTags().getFirst()),
        Deadline.in(Duration.ofSeconds(20)))).matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void refusesACertificateMadeForAnotherHostName() {
    DockerRegistry client = client("127.0.0.1", trustingTheRegistry());

    assertThatThrownBy(() -> client.tags(ImageReference.parse(busybox("127.0.0.1")), Deadline.in(Duration.ofSeconds(20))))
        .isInstanceOf(UnreachableException.class)
        .hasMessageStartingWith("listing tags of " + busybox("127.0.0.1") + ": talking to registry 127.0.0.1:"
            + registry.port() + " failed (")
        .hasMessageContaining("No subject alternative names matching IP address 127.0.0.1");
  }

  @Test
  void refusesACertificateTheJdksTrustStoreDoesNotVouchFor() {
    DockerRegistry client = client("localhost", ConnectionOpener.withDefaultTls());

    assertThatThrownBy(() -> client.tags(ImageReference.parse(busybox("localhost")), Deadline.in(Duration.ofSeconds(20))))
        .isInstanceOf(UnreachableException.class)
        .hasMessageStartingWith("listing tags of " + busybox("localhost") + ": talking to registry localhost:"
            + registry.port() + " failed (")
        .hasMessageContaining("certification path");
  }
}
