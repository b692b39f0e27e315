package se.kth.aspen.swarm;

import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import se.kth.aspen.core.port.ClusterEndpoint;
import se.kth.aspen.core.port.RefusedException;

/** One cached {@link EngineClient} per endpoint, so that connections are pooled across passes. */
final class EngineClients implements AutoCloseable {

  private final SwarmSettings settings;
  private final Map<ClusterEndpoint, EngineClient> clients = new ConcurrentHashMap<>();
  private final Map<ClusterEndpoint, DockerHttpClient> transports = new ConcurrentHashMap<>();

  EngineClients(SwarmSettings settings) {
    this.settings = settings;
  }

  synchronized EngineClient of(ClusterEndpoint endpoint) throws RefusedException {
    EngineClient client = clients.get(endpoint);
    if (client != null) {
      return client;
    }
    DockerHttpClient transport = transport(endpoint);
    transports.put(endpoint, transport);
    client = new EngineClient(transport, endpoint.toString());
    clients.put(endpoint, client);
    return client;
  }

  private DockerHttpClient transport(ClusterEndpoint endpoint) throws RefusedException {
    ZerodepDockerHttpClient.Builder builder = new ZerodepDockerHttpClient.Builder()
        .connectionTimeout(settings.connectTimeout())
        .responseTimeout(settings.responseTimeout())
        .maxConnections(16);
    switch (endpoint) {
      case ClusterEndpoint.UnixSocket socket -> builder.dockerHost(URI.create("unix://" + socket.path()));
      case ClusterEndpoint.Tcp tcp -> {
        builder.dockerHost(URI.create("tcp://" + tcp.host() + ":" + tcp.port()));
        if (tcp.tlsRequired() || settings.certPath().isPresent()) {
          var certs = settings.certPath().orElseThrow(() -> new RefusedException(
              "connecting to " + endpoint + ": the endpoint needs TLS but DOCKER_CERT_PATH is not set"));
          for (String file : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
            if (!java.nio.file.Files.isReadable(certs.resolve(file))) {
              throw new RefusedException(
                  "connecting to " + endpoint + ": " + certs.resolve(file) + " is missing or unreadable (DOCKER_CERT_PATH)");
            }
          }
          builder.sslConfig(new LocalDirectorySSLConfig(certs.toString()));
        }
      }
    }
    return builder.build();
  }

  @Override
  public synchronized void close() {
    for (DockerHttpClient transport : transports.values()) {
      try {
        transport.close();
      } catch (IOException e) {
        // closing pooled connections: nothing left to do
      }
    }
    transports.clear();
    clients.clear();
  }
}
