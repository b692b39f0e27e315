package se.kth.aspen.swarm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerChallengeTest {

  @Test
  void readsRealmServiceAndScopeAsDockerHubSendsThem() {
    Optional<BearerChallenge> challenge = BearerChallenge.find(List.of(
        "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
            + "scope=\"repository:library/busybox:pull\""));
    assertThat(challenge).contains(new BearerChallenge(
        URI.create("https://auth.docker.io/token"),
        Optional.of("registry.docker.io"),
        Optional.of("repository:library/busybox:pull")));
  }

  @Test
  void keepsCommasInsideQuotedScopesAndToleratesSpacesAndCase() {
    Optional<BearerChallenge> challenge = BearerChallenge.find(List.of(
        "Basic realm=\"x\"",
        "bearer  Realm=\"https://auth.example/token\" , scope=\"repository:a/b:pull,push\",error=\"insufficient_scope\""));
    assertThat(challenge).hasValueSatisfying(c -> {
      assertThat(c.realm()).isEqualTo(URI.create("https://auth.example/token"));
      assertThat(c.service()).isEmpty();
      assertThat(c.scope()).contains("repository:a/b:pull,push");
    });
  }

  @Test
  void acceptsUnquotedValues() {
    assertThat(BearerChallenge.find(List.of("Bearer realm=https://auth.example/token,service=reg")))
        .hasValueSatisfying(c -> assertThat(c.service()).contains("reg"));
  }

  @Test
  void findsNoBearerChallengeAmongBasicOnes() {
    assertThat(BearerChallenge.find(List.of("Basic realm=\"aspen-test-registry\""))).isEmpty();
    assertThat(BearerChallenge.find(List.of())).isEmpty();
  }

  @Test
  void refusesAChallengeWithoutRealm() {
    assertThatThrownBy(() -> BearerChallenge.find(List.of("Bearer service=\"reg\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bearer challenge \"service=\"reg\"\" names no realm");
  }

  @Test
  void refusesARealmThatIsNotHttp() {
    assertThatThrownBy(() -> BearerChallenge.find(List.of("Bearer realm=\"file:///etc/passwd\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bearer challenge realm \"file:///etc/passwd\" is not an http(s) URL");
  }
}
