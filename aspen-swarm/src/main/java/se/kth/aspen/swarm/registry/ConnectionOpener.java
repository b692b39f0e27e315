package se.kth.aspen.swarm.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens connections: TCP to the origin, and for https TLS over it, with the server's certificate
 * checked against the trusted authorities and the host name (as a browser does), and the host
 * name sent for the server to pick its certificate (SNI).
 *
 * <p>The TLS context is made on the first https connection only: building the JDK's default
 * context loads its trust store and cipher tables, most of a second of CPU in a fresh JVM, which
 * a runner that only asks a plain-http registry never needs.
 */
final class ConnectionOpener {

  /** Where the TLS context comes from: the JDK's default unless a test trusts its own authority. */
  interface TlsContext {
    SSLContext get() throws GeneralSecurityException, IOException;
  }

  private final TlsContext tlsContext;
  private volatile SSLSocketFactory tls;

  ConnectionOpener(TlsContext tlsContext) {
    this.tlsContext = tlsContext;
  }

  /** With the JDK's default TLS context (its trust store, or {@code javax.net.ssl.trustStore}). */
  static ConnectionOpener withDefaultTls() {
    return new ConnectionOpener(SSLContext::getDefault);
  }

  /**
   * A new connection; for https the TLS handshake is done too.
   *
   * @param answerByNanos when (on {@link System#nanoTime()}) the exchange must be over: the
   *     handshake waits no longer
   * @throws NotConnected when no TCP connection could be made
   * @throws IOException when the TLS handshake fails or stalls
   */
  HttpConnection open(Origin origin, long answerByNanos) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(origin.host(), origin.port()), ResponseInput.millisLeft(answerByNanos));
    } catch (SocketTimeoutException e) {
      socket.close();
      throw new NotConnected(true, "timed out", e);
    } catch (UnknownHostException e) {
      socket.close();
      throw new NotConnected(false, "unknown host " + origin.host(), e);
    } catch (ConnectException | NoRouteToHostException e) {
      socket.close();
      String message = e.getMessage() == null || e.getMessage().isBlank() ? "connection refused" : e.getMessage();
      throw new NotConnected(false, Character.toLowerCase(message.charAt(0)) + message.substring(1), e);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
    if (!origin.secure()) {
      return new HttpConnection(origin, socket);
    }
    try {
      SSLSocket secured = (SSLSocket) tls().createSocket(socket, origin.host(), origin.port(), true);
      SSLParameters parameters = secured.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      sniName(origin.host()).ifPresent(name -> parameters.setServerNames(List.of(name)));
      secured.setSSLParameters(parameters);
      secured.setSoTimeout(ResponseInput.millisLeft(answerByNanos));
      secured.startHandshake();
      return new HttpConnection(origin, secured);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private SSLSocketFactory tls() throws IOException {
    SSLSocketFactory factory = tls;
    if (factory == null) {
      synchronized (this) {
        if (tls == null) {
          try {
            tls = tlsContext.get().getSocketFactory();
          } catch (GeneralSecurityException e) {
            throw new IOException("no TLS context: " + e.getMessage(), e);
          }
        }
        factory = tls;
      }
    }
    return factory;
  }

  /** SNI carries host names only, never addresses. */
  private static Optional<SNIHostName> sniName(String host) {
    if (host.contains(":") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SNIHostName(host));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** No TCP connection could be made: refused, no route, unknown host, or not in time. */
  static final class NotConnected extends IOException {

    private static final long serialVersionUID = 1L;
    private final boolean timedOut;

    NotConnected(boolean timedOut, String reason, Throwable cause) {
      super(reason, cause);
      this.timedOut = timedOut;
    }

    boolean timedOut() {
      return timedOut;
    }
  }
}
