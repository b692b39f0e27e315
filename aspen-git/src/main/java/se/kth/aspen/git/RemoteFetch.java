package se.kth.aspen.git;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/**
 * Fetches the one commit to serve (the configured branch, or whatever the remote's HEAD names)
 * into {@link WorkingCopy#FETCHED}, forcibly so that a rewritten history is followed. Tags and
 * other branches are not fetched: a fetch with nothing new costs one ref advertisement.
 */
final class RemoteFetch {

  private final RemoteUrl remote;
  private final Optional<String> branch;
  private final Optional<CredentialsProvider> credentials;
  private final Optional<BoundedSshSessions> ssh;
  private final java.util.List<java.nio.file.Path> identityFiles;
  private final RemoteFailures failures;

  RemoteFetch(
      RemoteUrl remote,
      Optional<String> branch,
      Optional<CredentialsProvider> credentials,
      Optional<SshdSessionFactory> ssh,
      java.util.List<java.nio.file.Path> identityFiles,
      RemoteFailures failures) {
    this.identityFiles = java.util.List.copyOf(identityFiles);
    this.remote = remote;
    this.branch = branch;
    this.credentials = credentials;
    this.ssh = ssh.map(BoundedSshSessions::new);
    this.failures = failures;
  }

  static Optional<CredentialsProvider> credentials(RemoteUrl remote, GitRegistrySettings settings) {
    if (remote.kind() != RemoteUrl.Kind.HTTPS && remote.kind() != RemoteUrl.Kind.HTTP) {
      return Optional.empty();
    }
    boolean inUrl = remote.user().isPresent() || remote.password().isPresent();
    Optional<String> user = inUrl ? remote.user() : settings.user();
    Optional<String> password =
        (inUrl ? remote.password() : settings.token()).map(se.kth.aspen.core.port.Secret::text);
    if (user.isEmpty() && password.isEmpty()) {
      return Optional.empty();
    }
    // A token alone is sent with a placeholder user, as GitHub and GitLab accept.
    String name = user.orElse("x-access-token");
    return Optional.of(new UsernamePasswordCredentialsProvider(name, password.orElse("")));
  }

  /** What this fetch is, for messages: {@code fetching <url> (branch main)}. */
  String description() {
    return "fetching "
        + remote.display()
        + branch.map(b -> " (branch " + b + ")").orElse(" (the remote's default branch)");
  }

  /**
   * Fetches and returns the commit the remote's branch names.
   *
   * @throws PortException saying what failed, credentials scrubbed
   */
  ObjectId fetch(WorkingCopy copy, Deadline deadline) throws PortException {
    if (deadline.passed()) {
      throw new UnreachableException(description() + ": no time left before the deadline");
    }
    if (remote.kind() == RemoteUrl.Kind.SSH) {
      checkIdentityFiles();
    }
    String source = branch.map(b -> "refs/heads/" + b).orElse("HEAD");
    RefSpec spec = new RefSpec(source + ":" + WorkingCopy.FETCHED).setForceUpdate(true);
    failures.beforeCall();
    ssh.ifPresent(sessions -> sessions.bound(deadline));
    // The transport itself rather than JGit's fetch command: the command walks the whole fetched
    // tree after every fetch, looking for submodules to fetch, which this source never checks out.
    try (Transport transport = open(copy)) {
      transport.setTagOpt(TagOpt.NO_TAGS);
      transport.setRemoveDeletedRefs(false);
      transport.setTimeout(timeoutSeconds(deadline));
      credentials.ifPresent(transport::setCredentialsProvider);
      if (transport instanceof SshTransport sshTransport && ssh.isPresent()) {
        sshTransport.setSshSessionFactory(ssh.get());
      }
      transport.fetch(new DeadlineMonitor(deadline), List.of(spec));
      return copy.fetched()
          .orElseThrow(() -> new IOException("the fetch left no " + WorkingCopy.FETCHED));
    } catch (InvalidRemoteException | IOException | RuntimeException e) {
      throw failures.describe(description(), e, deadline);
    }
  }

  /** The transport to the remote; a URL JGit cannot open is an invalid remote, as the fetch command says. */
  private Transport open(WorkingCopy copy) throws InvalidRemoteException, IOException {
    try {
      return Transport.open(copy.repository(), remote.gitUrl());
    } catch (URISyntaxException | NotSupportedException e) {
      throw new InvalidRemoteException("invalid remote: " + remote.display(), e);
    }
  }

  /** A missing key file would otherwise surface as "no key accepted", which misleads. */
  private void checkIdentityFiles() throws PortException {
    if (identityFiles.isEmpty()) {
      throw new RefusedException(description() + ": no ssh private key file is configured");
    }
    for (java.nio.file.Path file : identityFiles) {
      if (!java.nio.file.Files.isReadable(file)) {
        throw new RefusedException(
            description() + ": the ssh private key file " + file + " is missing or unreadable");
      }
    }
  }

  /** JGit's per-operation timeout: what is left of the deadline, at least a second. */
  private static int timeoutSeconds(Deadline deadline) {
    long millis = deadline.remaining().toMillis();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
  }
}
