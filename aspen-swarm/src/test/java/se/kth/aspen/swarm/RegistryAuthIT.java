package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.ClusterEndpoint;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.SecretEnvironment;
import se.kth.aspen.core.port.UnreachableException;
import se.kth.aspen.core.testenv.TestEnvironment;

/** Private images: the credentials reach the engine on lookup, create and update, over a tcp:// endpoint. */
class RegistryAuthIT {

  @TempDir Path directory;
  private SwarmFixture swarm;
  private LoggingRelay relay;

  @BeforeEach
  void start() throws Exception {
    swarm = new SwarmFixture();
    relay = new LoggingRelay(Path.of(TestEnvironment.get().dockerHost().substring("unix://".length())));
  }

  @AfterEach
  void stop() throws Exception {
    try {
      swarm.close();
    } finally {
      relay.close();
    }
  }

  private Cluster relayed() {
    return new Cluster("relayed", ClusterEndpoint.parse(relay.endpoint()), false);
  }

  @Test
  void registryCredentialsAreSentOnLookupCreateAndUpdate() throws Exception {
    String stack = swarm.stack("auth");
    StackModel v1 = Stacks.model(new ServiceBuilder("web", Stacks.image("1.0.0_abc")).replicas(1).build());
    StackModel v2 = Stacks.model(new ServiceBuilder("web", Stacks.image("1.2.3_def")).replicas(1).build());
    try (SwarmOrchestrator orchestrator = new SwarmOrchestrator(Stacks.settings())) {
      orchestrator.deploy(Stacks.request(relayed(), stack, v1, directory, SecretEnvironment.empty(), Map.of(), false),
          Deadline.in(Duration.ofMinutes(1)));
      orchestrator.deploy(Stacks.request(relayed(), stack, v2, directory, SecretEnvironment.empty(), Map.of(), false),
          Deadline.in(Duration.ofMinutes(1)));
    }

    List<String> authorised = requestsWithAuth(relay.sent());
    assertThat(authorised).anyMatch(r -> r.startsWith("GET /v1.41/distribution/127.0.0.1:5000/busybox:1.0.0_abc/json"))
        .anyMatch(r -> r.startsWith("POST /v1.41/services/create"))
        .anyMatch(r -> r.matches("POST /v1.41/services/\\w+/update\\?version=\\d+ .*"));
    assertThat(swarm.service(stack, "web").path("Spec").path("TaskTemplate").path("ContainerSpec").path("Image").asText())
        .startsWith(Stacks.image("1.2.3_def") + "@sha256:");
  }

  @Test
  void withoutCredentialsTheImageCannotBePinnedAndNoHeaderIsSent() throws Exception {
    String stack = swarm.stack("noauth");
    StackModel model = Stacks.model(new ServiceBuilder("web", Stacks.image("1.0.0_abc")).replicas(1).build());
    try (SwarmOrchestrator orchestrator = new SwarmOrchestrator(SwarmSettings.defaults())) {
      orchestrator.deploy(Stacks.request(relayed(), stack, model, directory, SecretEnvironment.empty(), Map.of(), false),
          Deadline.in(Duration.ofMinutes(1)));
    }

    assertThat(relay.sent()).doesNotContainIgnoringCase("X-Registry-Auth");
    assertThat(swarm.service(stack, "web").path("Spec").path("TaskTemplate").path("ContainerSpec").path("Image").asText())
        .isEqualTo(Stacks.image("1.0.0_abc"));
  }

  @Test
  void anEngineThatDoesNotAnswerIsUnreachableAndNamed() throws Exception {
    int closedPort;
    try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    Cluster gone = new Cluster("gone", ClusterEndpoint.parse("tcp://127.0.0.1:" + closedPort), false);
    StackModel model = Stacks.model(new ServiceBuilder("web", Stacks.image("1.0.0_abc")).replicas(1).build());
    try (SwarmOrchestrator orchestrator = new SwarmOrchestrator(Stacks.settings())) {
      assertThatThrownBy(() -> orchestrator.deploy(
              Stacks.request(gone, "it-swarm-gone", model, directory, SecretEnvironment.empty(), Map.of(), false),
              Deadline.in(Duration.ofSeconds(30))))
          .isInstanceOf(UnreachableException.class)
          .hasMessageStartingWith("asking the engine whether it is a swarm manager: cannot reach the engine at tcp://127.0.0.1:" + closedPort);
    }
  }

  /** The request lines of requests whose headers carry the expected X-Registry-Auth. */
  private static List<String> requestsWithAuth(String traffic) {
    TestEnvironment env = TestEnvironment.get();
    String json = "{\"username\":\"" + env.registryUser() + "\",\"password\":\"" + env.registryPassword()
        + "\",\"serveraddress\":\"" + env.registryHost() + "\"}";
    String expected = Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    List<String> result = new java.util.ArrayList<>();
    Matcher request = Pattern.compile("(GET|POST|DELETE) /v1\\.41/[^\\r\\n]+").matcher(traffic);
    while (request.find()) {
      int end = traffic.indexOf("\r\n\r\n", request.start());
      String head = traffic.substring(request.start(), end < 0 ? traffic.length() : end);
      if (head.toLowerCase(java.util.Locale.ROOT).contains("x-registry-auth: " + expected.toLowerCase(java.util.Locale.ROOT))) {
        result.add(request.group());
      }
    }
    return result;
  }
}
