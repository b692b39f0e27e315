package se.kth.aspen.git;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * Turns what JGit throws into a {@link PortException} a person can act on: refused (credentials,
 * host key, no such repository or branch) or unreachable (down, timed out), with the URL's
 * credentials scrubbed from every word.
 */
final class RemoteFailures {

  private static final java.util.regex.Pattern HTTP_DENIED =
      java.util.regex.Pattern.compile("(?<![0-9a-f])40[13](?![0-9a-f])");

  private final RemoteUrl remote;
  private final KnownHosts knownHosts;

  RemoteFailures(RemoteUrl remote, KnownHosts knownHosts) {
    this.remote = remote;
    this.knownHosts = knownHosts;
  }

  /** Forgets what an earlier call left behind. */
  void beforeCall() {
    knownHosts.forgetRejection();
  }

  PortException describe(String attempt, Throwable failure, Deadline deadline) {
    Optional<String> hostKey = knownHosts.takeRejection();
    if (hostKey.isPresent()) {
      return new RefusedException(attempt + ": " + hostKey.get());
    }
    String chain = remote.scrub(messages(failure)).toLowerCase(Locale.ROOT);
    if (has(failure, UnknownHostException.class) || chain.contains("unknown host")) {
      return new UnreachableException(attempt + ": the host name does not resolve");
    }
    if (has(failure, ConnectException.class) || has(failure, NoRouteToHostException.class)
        || chain.contains("connection refused")) {
      return new UnreachableException(attempt + ": the connection was refused");
    }
    if (deadline.passed()
        || has(failure, SocketTimeoutException.class)
        || chain.contains("timed out")
        || chain.contains("time out")
        || chain.contains("timeout")) {
      return new UnreachableException(attempt + ": timed out (deadline " + deadline + ")");
    }
    if (has(failure, javax.net.ssl.SSLException.class)) {
      return new RefusedException(
          attempt + ": the TLS handshake failed (" + remote.scrub(innermost(failure))
              + "); is the server's certificate trusted by this JVM?");
    }
    if (chain.contains("not authorized")
        || chain.contains("authentication is required")
        || chain.contains("authentication not supported")
        || HTTP_DENIED.matcher(chain).find()) {
      return new RefusedException(
          attempt + ": the credentials were rejected (give a user and token that may read it)");
    }
    if (chain.contains("no more authentication methods")
        || chain.contains("no more keys to try")
        || chain.contains("no keys to try")
        || chain.contains("cannot log in")
        || chain.contains("server refused")) {
      return new RefusedException(
          attempt + ": the ssh server did not accept any of the private keys given");
    }
    if (chain.contains("remote does not have head ")) {
      return new RefusedException(attempt + ": the remote's HEAD names no commit (is the repository empty?)");
    }
    if (chain.contains("remote does not have")) {
      return new RefusedException(attempt + ": the remote has no such branch");
    }
    if (has(failure, NoRemoteRepositoryException.class)
        || has(failure, InvalidRemoteException.class)
        || chain.contains("repository not found")
        || chain.contains("not found")) {
      return new RefusedException(attempt + ": there is no repository at that URL");
    }
    return new UnreachableException(attempt + ": " + remote.scrub(innermost(failure)));
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
    }
    return all.toString();
  }

  private static String innermost(Throwable failure) {
    Throwable last = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        last = t;
      }
    }
    return last.getMessage() == null ? last.getClass().getSimpleName() : last.getMessage();
  }
}
