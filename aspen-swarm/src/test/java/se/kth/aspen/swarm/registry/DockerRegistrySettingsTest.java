package se.kth.aspen.swarm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.port.Secret;

class DockerRegistrySettingsTest {

  @Test
  void refusesARegistryUrlCarryingAUser() {
    assertThatThrownBy(() -> Registries.none().withPrimary(URI.create("https://me:pw@r.example"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DOCKER_REGISTRY_URL \"https://me:pw@r.example\" is not http(s)://host[:port] (without user, query or fragment)");
    assertThatThrownBy(() -> Registries.none().withAzure(URI.create("ftp://team.azurecr.io"),
        new RegistryLogin("u", Secret.of("p"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("AZURE_REGISTRY_URL \"ftp://team.azurecr.io\" is not http(s)://host[:port]");
  }

  @Test
  void acceptsARegistryUrlWithTrailingSlashOrWithoutScheme() {
    assertThat(DockerRegistry.create(Registries.none().withPrimary(URI.create("http://127.0.0.1:5000/"), Optional.empty()),
        Duration.ofSeconds(5))).hasToString("DockerRegistry[Registries[http://127.0.0.1:5000 from DOCKER_REGISTRY_URL]]");
    assertThat(DockerRegistry.create(Registries.none().withPrimary(URI.create("registry.example.com"), Optional.empty()),
        Duration.ofSeconds(5))).hasToString("DockerRegistry[Registries[https://registry.example.com from DOCKER_REGISTRY_URL]]");
  }

  @Test
  void showsTheUsersButNeverThePasswords() {
    DockerRegistry registry = DockerRegistry.create(Registries.none()
        .withPrimary(URI.create("https://r.example"), Optional.of(new RegistryLogin("aspen", Secret.of("s3cret-pw"))))
        .withAzure(URI.create("team.azurecr.io"), new RegistryLogin("azure", Secret.of("azure-pw"))), Duration.ofSeconds(5));

    assertThat(registry).hasToString("DockerRegistry[Registries[https://r.example as aspen from DOCKER_REGISTRY_URL, "
        + "https://team.azurecr.io as azure (ACR tag listing) from AZURE_REGISTRY_URL]]");
    assertThat(new RegistryLogin("aspen", Secret.of("s3cret-pw")))
        .hasToString("RegistryLogin[user=aspen, password=hidden]");
  }

  @Test
  void refusesALoginThatBasicAuthenticationCannotCarry() {
    assertThatThrownBy(() -> new RegistryLogin("a:b", Secret.of("p")))
        .hasMessage("the registry user \"a:b\" contains ':', which basic authentication cannot carry");
    assertThatThrownBy(() -> new RegistryLogin(" ", Secret.of("p"))).hasMessage("the registry user is blank");
  }

  @Test
  void refusesANonPositiveRequestTimeout() {
    assertThatThrownBy(() -> DockerRegistry.create(Registries.none(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the request timeout must be positive, not PT0S");
  }

  @Test
  void speaksOnlyJdkCoreAndItsOwnPublicTypesInItsPublicSignatures() {
    Stream<Type> types = Stream.of(DockerRegistry.class, Registries.class, RegistryLogin.class)
        .flatMap(c -> Arrays.stream(c.getMethods()))
        .filter(m -> Modifier.isPublic(m.getModifiers()))
        .flatMap(DockerRegistrySettingsTest::signatureTypes);

    assertThat(types.map(Type::getTypeName)).allSatisfy(name -> assertThat(name).matches(
        "(java\\.|se\\.kth\\.aspen\\.core\\.|se\\.kth\\.aspen\\.swarm\\.registry\\.(DockerRegistry|Registries|RegistryLogin)\\b"
            + "|void|boolean|int|long).*"));
  }

  @Test
  void onlyTheAdapterAndWhatConfiguresItArePublic() throws Exception {
    List<String> publicTypes = Stream.of("BearerChallenge", "RegistryToken", "CappedBody", "DigestChecker", "DockerConfigFile",
            "DockerRegistry", "KnownRegistry", "NextPageLink", "RegistryAnswer", "RegistryHttp", "RegistryLocation",
            "RegistryLogin", "Registries", "RegistryTransport", "TagLister", "TokenFetcher")
        .map(name -> {
          try {
            return Class.forName("se.kth.aspen.swarm.registry." + name);
          } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
          }
        })
        .filter(c -> Modifier.isPublic(c.getModifiers())).map(Class::getSimpleName).toList();
    assertThat(publicTypes).containsExactlyInAnyOrder("DockerRegistry", "Registries", "RegistryLogin");
  }

  private static Stream<Type> signatureTypes(Method method) {
    return Stream.concat(Stream.of(method.getGenericReturnType()),
        Stream.concat(Arrays.stream(method.getGenericParameterTypes()), Arrays.stream(method.getGenericExceptionTypes())));
  }
}
