package se.kth.aspen.core.port;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach a cluster's Docker engine, as the cluster status document gives it (aspen-swarm/README.md).
 *
 * <ul>
 *   <li>{@code unix:///var/run/docker.sock}: a local socket;
 *   <li>{@code tcp://host:port}: TCP, TLS only when the orchestrator is configured with
 *       certificates;
 *   <li>{@code host:port} without a scheme: TCP with TLS verification ({@code
 *       DOCKER_TLS_VERIFY=1}, certificates from {@code DOCKER_CERT_PATH}).
 * </ul>
 */
public sealed interface ClusterEndpoint {

  /** A Docker engine on a local unix socket. */
  record UnixSocket(Path path) implements ClusterEndpoint {
    public UnixSocket {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
      return "unix://" + path;
    }
  }

  /** A Docker engine over TCP; {@code tlsRequired} for the scheme-less form. */
  record Tcp(String host, int port, boolean tlsRequired) implements ClusterEndpoint {
    public Tcp {
      Objects.requireNonNull(host, "host");
      if (host.isBlank() || port < 1 || port > 65535) {
        throw new IllegalArgumentException("not a host and port: " + host + ":" + port);
      }
    }

    @Override
    public String toString() {
      return tlsRequired ? host + ":" + port : "tcp://" + host + ":" + port;
    }
  }

  /**
   * Reads an endpoint as the cluster directory gives it.
   *
   * @throws IllegalArgumentException naming the text when it is none of the accepted forms
   */
  static ClusterEndpoint parse(String text) {
    Objects.requireNonNull(text, "text");
    String value = text.strip();
    try {
      if (value.startsWith("unix://")) {
        String path = value.substring("unix://".length());
        if (!path.startsWith("/")) {
          throw new IllegalArgumentException("unix endpoint needs an absolute path");
        }
        return new UnixSocket(Path.of(path));
      }
      boolean explicitTcp = value.startsWith("tcp://");
      if (!explicitTcp && value.contains("://")) {
        throw new IllegalArgumentException("unsupported scheme");
      }
      URI uri = URI.create("tcp://" + (explicitTcp ? value.substring("tcp://".length()) : value));
      if (uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalArgumentException("host and port are required");
      }
      return new Tcp(uri.getHost(), uri.getPort(), !explicitTcp);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cluster endpoint \"" + text + "\" is not unix:///path, tcp://host:port or host:port ("
              + e.getMessage() + ")",
          e);
    }
  }
}
