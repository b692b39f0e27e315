package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.ClusterEndpoint;
import se.kth.aspen.core.port.RefusedException;

class EngineClientsTest {

  @TempDir Path certs;

  @Test
  void aSchemeLessEndpointNeedsTheCertificateDirectory() {
    try (EngineClients clients = new EngineClients(SwarmSettings.defaults())) {
      assertThatThrownBy(() -> clients.of(ClusterEndpoint.parse("10.0.0.5:2376"))).isInstanceOf(RefusedException.class)
          .hasMessage("connecting to 10.0.0.5:2376: the endpoint needs TLS but DOCKER_CERT_PATH is not set");
    }
  }

  @Test
  void aMissingCertificateIsNamed() {
    try (EngineClients clients = new EngineClients(SwarmSettings.defaults().withCertPath(certs))) {
      assertThatThrownBy(() -> clients.of(ClusterEndpoint.parse("10.0.0.5:2376"))).isInstanceOf(RefusedException.class)
          .hasMessage("connecting to 10.0.0.5:2376: " + certs.resolve("ca.pem") + " is missing or unreadable (DOCKER_CERT_PATH)");
    }
  }
}
