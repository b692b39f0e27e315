package se.kth.aspen.swarm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.port.Secret;

class DockerRegistrySettingsTest {

  @Test
  void refusesAUserWithoutPassword() {
    assertThatThrownBy(() -> DockerRegistry.create(Optional.of(URI.create("https://r.example")), Optional.of("aspen"),
        Optional.empty(), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DOCKER_REGISTRY_USER and DOCKER_REGISTRY_PWD must be set together (only the user is)");
  }

  @Test
  void refusesCredentialsWithoutARegistryToSendThemTo() {
    assertThatThrownBy(() -> DockerRegistry.create(Optional.empty(), Optional.of("aspen"), Optional.of(Secret.of("pw")),
        Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("registry credentials are only sent to DOCKER_REGISTRY_URL, which is not set");
  }

  @Test
  void refusesARegistryUrlCarryingAUser() {
    assertThatThrownBy(() -> DockerRegistry.create(Optional.of(URI.create("https://me:pw@r.example")), Optional.empty(),
        Optional.empty(), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DOCKER_REGISTRY_URL \"https://me:pw@r.example\" is not http(s)://host[:port] (without user, query or fragment)");
  }

  @Test
  void acceptsARegistryUrlWithTrailingSlashOrWithoutScheme() {
    assertThat(DockerRegistry.create(Optional.of(URI.create("http://127.0.0.1:5000/")), Optional.empty(), Optional.empty(),
        Duration.ofSeconds(5))).hasToString("DockerRegistry[http://127.0.0.1:5000]");
    assertThat(DockerRegistry.create(Optional.of(URI.create("registry.example.com")), Optional.empty(), Optional.empty(),
        Duration.ofSeconds(5))).hasToString("DockerRegistry[https://registry.example.com]");
  }

  @Test
  void showsTheUserButNeverThePassword() {
    DockerRegistry registry = DockerRegistry.create(Optional.of(URI.create("https://r.example")), Optional.of("aspen"),
        Optional.of(Secret.of("s3cret-pw")), Duration.ofSeconds(5));

    assertThat(registry).hasToString("DockerRegistry[https://r.example, user aspen]");
    assertThat(new RegistryCredentials("aspen", Secret.of("s3cret-pw")))
        .hasToString("RegistryCredentials[user=aspen, password=hidden]");
  }

  @Test
  void refusesANonPositiveRequestTimeout() {
    assertThatThrownBy(() -> DockerRegistry.create(Optional.empty(), Optional.empty(), Optional.empty(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the request timeout must be positive, not PT0S");
  }

  @Test
  void speaksOnlyJdkAndCoreTypesInItsPublicSignatures() {
    Stream<Type> types = Arrays.stream(DockerRegistry.class.getMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()))
        .flatMap(DockerRegistrySettingsTest::signatureTypes);

    assertThat(types.map(Type::getTypeName))
        .allSatisfy(name -> assertThat(name).matches("(java\\.|se\\.kth\\.aspen\\.core\\.|se\\.kth\\.aspen\\.swarm\\.registry\\.DockerRegistry\\b|void|boolean|int|long).*"));
  }

  private static Stream<Type> signatureTypes(Method method) {
    return Stream.concat(Stream.of(method.getGenericReturnType()),
        Stream.concat(Arrays.stream(method.getGenericParameterTypes()), Arrays.stream(method.getGenericExceptionTypes())));
  }
}
