package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import se.kth.aspen.core.testenv.TestEnvironment;

/** Proves from Java that scripts/test-env.sh brought up what every other real-component test needs. */
class TestEnvironmentIT {

  private final TestEnvironment env = TestEnvironment.get();

  @Test
  void dockerJavaSeesTheNodeAsAnActiveSwarmManager() throws Exception {
    var config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(env.dockerHost())
            .withApiVersion(env.dockerApiVersion())
            .build();
    var http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    try (DockerClient docker = DockerClientImpl.getInstance(config, http)) {
      Info info = docker.infoCmd().exec();
      assertThat(info.getSwarm()).isNotNull();
      assertThat(info.getSwarm().getLocalNodeState()).isEqualTo(LocalNodeState.ACTIVE);
      assertThat(info.getSwarm().getControlAvailable()).isTrue();
    }
  }

  @Test
  void registryRefusesAnonymousAndAcceptsTheTestUser() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI base = URI.create(env.registryUrl() + "/v2/");

    HttpResponse<Void> anonymous =
        client.send(HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(anonymous.statusCode()).isEqualTo(401);

    String basic =
        Base64.getEncoder()
            .encodeToString((env.registryUser() + ":" + env.registryPassword()).getBytes(StandardCharsets.UTF_8));
    HttpResponse<Void> authenticated =
        client.send(
            HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(5)).header("Authorization", "Basic " + basic).build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(authenticated.statusCode()).isEqualTo(200);
  }

  @Test
  void redisAnswersPong() {
    try (Jedis jedis = new Jedis(URI.create(env.redisUrl()))) {
      assertThat(jedis.ping()).isEqualTo("PONG");
    }
  }
}
