package se.kth.aspen.swarm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.Secret;

/** Which login goes to which registry, from the settings and a Docker client config.json. */
class RegistriesTest {

  @TempDir Path dir;

  private Path config(String json) throws IOException {
    return Files.writeString(dir.resolve("config.json"), json);
  }

  private static String auth(String userAndPassword) {
    return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<String> user(Optional<RegistryLogin> login) {
    return login.map(RegistryLogin::user);
  }

  @Test
  void readsEveryAuthsEntryOfAConfigJsonKeyedByHostOrUrl() throws IOException {
    Registries registries = Registries.none().withDockerConfig(config("""
        {"auths": {
          "127.0.0.1:5001": {"auth": "%s"},
          "https://registry.example.org/v1/": {"auth": "%s"},
          "https://index.docker.io/v1/": {"username": "hub", "password": "hub-pw"},
          "helper.example.org": {},
          "token.example.org": {"identitytoken": "abc"}
        },
        "credsStore": "desktop"}""".formatted(auth("second:pw:with:colons"), auth("org:org-pw"))));

    assertThat(registries.loginFor("127.0.0.1:5001")).contains(new RegistryLogin("second", Secret.of("pw:with:colons")));
    assertThat(user(registries.loginFor("registry.example.org"))).contains("org");
    assertThat(user(registries.loginFor("registry.example.org:443"))).contains("org");
    assertThat(user(registries.loginFor("docker.io"))).contains("hub");
    assertThat(registries.loginFor("helper.example.org")).isEmpty();
    assertThat(registries.loginFor("token.example.org")).isEmpty();
    assertThat(registries.loginFor("127.0.0.1:5000")).isEmpty();
    assertThat(registries.loginForRequest(URI.create("http://127.0.0.1:5001/v2/app/tags/list"))).isPresent();
    assertThat(registries.loginForRequest(URI.create("https://127.0.0.1:5001/v2/app/tags/list"))).isEmpty();
  }

  @Test
  void theSettingsWinOverConfigJsonForTheSameHostWhateverTheOrder() throws IOException {
    Path file = config("""
        {"auths": {"team.azurecr.io": {"auth": "%s"}, "registry.example.org": {"auth": "%s"}}}"""
        .formatted(auth("from-file:pw"), auth("from-file:pw")));
    Registries registries = Registries.none().withDockerConfig(file)
        .withAzure(URI.create("https://team.azurecr.io"), new RegistryLogin("azure", Secret.of("azure-pw")))
        .withPrimary(URI.create("https://registry.example.org"), Optional.of(new RegistryLogin("deployer", Secret.of("pw"))));

    assertThat(user(registries.loginFor("team.azurecr.io"))).contains("azure");
    assertThat(user(registries.loginFor("registry.example.org"))).contains("deployer");
  }

  @Test
  void aPrimaryRegistryWithoutLoginKeepsTheImagesOfItsHostAnonymous() {
    Registries registries = Registries.none().withPrimary(URI.create("http://127.0.0.1:5000"), Optional.empty());

    assertThat(registries.loginFor("127.0.0.1:5000")).isEmpty();
    assertThat(registries.loginFor("docker.io")).isEmpty();
  }

  @Test
  void namesTheFileAndEntryOfAnUnusableLogin() throws IOException {
    Path file = config("{\"auths\": {\"r.example.org\": {\"auth\": \"" + auth("no-colon") + "\"}}}");
    assertThatThrownBy(() -> Registries.none().withDockerConfig(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": auths entry \"r.example.org\": \"auth\" is not base64 of user:password");

    Path notBase64 = config("{\"auths\": {\"r.example.org\": {\"auth\": \"***\"}}}");
    assertThatThrownBy(() -> Registries.none().withDockerConfig(notBase64))
        .hasMessage(notBase64 + ": auths entry \"r.example.org\": \"auth\" is not base64");
  }

  @Test
  void namesAFileThatIsMissingOrNotJson() throws IOException {
    Path missing = dir.resolve("absent.json");
    assertThatThrownBy(() -> Registries.none().withDockerConfig(missing)).hasMessage(missing + " does not exist");
    Path garbage = config("{\"auths\": ");
    assertThatThrownBy(() -> Registries.none().withDockerConfig(garbage))
        .hasMessageStartingWith(garbage + " is not valid JSON (line 1,");
  }

  @Test
  void neverShowsAPasswordFromConfigJson() throws IOException {
    Registries registries = Registries.none().withDockerConfig(config(
        "{\"auths\": {\"r.example.org\": {\"auth\": \"" + auth("deployer:very-secret") + "\"}}}"));

    assertThat(registries.toString()).contains("deployer").doesNotContain("very-secret");
  }
}
