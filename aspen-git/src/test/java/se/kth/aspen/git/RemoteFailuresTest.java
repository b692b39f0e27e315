package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/** How what JGit throws becomes a refusal or an unreachable remote, with words a person acts on. */
class RemoteFailuresTest {

  private static final RemoteUrl REMOTE = RemoteUrl.parse("https://bot:s3cr3t-token@git.example.org/r.git");
  private static final URIish URI = uri();

  static Stream<Arguments> failures() {
    return Stream.of(
        row("unknown host", () -> wrap(new UnknownHostException("git.example.org")),
            UnreachableException.class, "the host name does not resolve"),
        row("connection refused", () -> wrap(new ConnectException("Connection refused")),
            UnreachableException.class, "the connection was refused"),
        row("read timeout", () -> wrap(new SocketTimeoutException("Read timed out")),
            UnreachableException.class, "timed out (deadline "),
        row("http 401", () -> new TransportException(URI + ": not authorized"),
            RefusedException.class, "the credentials were rejected (give a user and token that may read it)"),
        row("http 403", () -> new TransportException(URI + ": 403 Forbidden"),
            RefusedException.class, "the credentials were rejected (give a user and token that may read it)"),
        row("no repository", () -> new TransportException("x", new NoRemoteRepositoryException(URI, "not found.")),
            RefusedException.class, "there is no repository at that URL"),
        row("tls", () -> wrap(new SSLHandshakeException("PKIX path building failed")),
            RefusedException.class,
            "the TLS handshake failed (PKIX path building failed); is the server's certificate trusted by this JVM?"),
        row("anything else, scrubbed", () -> wrap(new IOException("odd reply for bot with s3cr3t-token")),
            UnreachableException.class, "odd reply for *** with ***"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void eachFailureIsClassifiedAndExplained(
      String name, Supplier<Exception> failure, Class<? extends PortException> type, String reason) {
    RemoteFailures failures = new RemoteFailures(REMOTE, new KnownHosts(List.of(), List.of()));

    PortException described = failures.describe("fetching " + REMOTE, failure.get(), Deadline.in(Duration.ofMinutes(1)));

    assertThat(described).isInstanceOf(type);
    assertThat(described.getMessage())
        .startsWith("fetching https://***@git.example.org/r.git: " + reason)
        .doesNotContain("s3cr3t-token");
  }

  private static Arguments row(
      String name, Supplier<Exception> failure, Class<? extends PortException> type, String reason) {
    return Arguments.of(name, failure, type, reason);
  }

  private static Exception wrap(Exception cause) {
    return new TransportException(URI + ": " + cause.getMessage(), cause);
  }

  private static URIish uri() {
    try {
      return new URIish(REMOTE.gitUrl());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
