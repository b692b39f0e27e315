package se.kth.aspen.git;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RemoteSession;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.util.FS;
import se.kth.aspen.core.port.Deadline;

/**
 * Bounds the whole ssh session set-up by JGit's timeout. JGit applies it to the TCP connect
 * only and waits up to sshd's two-minute authentication timeout for a server that accepts the
 * connection but never speaks; here the set-up runs on its own virtual thread, which is
 * interrupted (sshd's waits are interruptible) when the time is up. A session that arrives after
 * the caller gave up is closed, not leaked. Reads after set-up are bounded by JGit itself.
 */
final class BoundedSshSessions extends SshSessionFactory {

  private final SshdSessionFactory sessions;
  private volatile Deadline deadline = Deadline.in(java.time.Duration.ofDays(1));

  BoundedSshSessions(SshdSessionFactory sessions) {
    this.sessions = sessions;
  }

  /** The deadline of the fetch about to run: no session set-up outlasts it. */
  void bound(Deadline fetchDeadline) {
    this.deadline = fetchDeadline;
  }

  @Override
  public RemoteSession getSession(URIish uri, CredentialsProvider credentials, FS fs, int jgitTimeoutMillis)
      throws TransportException {
    long left = deadline.remaining().toMillis();
    if (left <= 0) {
      throw new TransportException(uri, "timed out: the deadline passed before the ssh session was set up");
    }
    int timeoutMillis = (int) (jgitTimeoutMillis > 0 ? Math.min(jgitTimeoutMillis, left) : left);
    CompletableFuture<RemoteSession> session = new CompletableFuture<>();
    Thread setUp =
        Thread.ofVirtual()
            .name("aspen-ssh-connect")
            .start(
                () -> {
                  try {
                    RemoteSession established = sessions.getSession(uri, credentials, fs, timeoutMillis);
                    if (!session.complete(established)) {
                      established.disconnect();
                    }
                  } catch (Throwable e) {
                    session.completeExceptionally(e);
                  }
                });
    try {
      return session.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return abandon(session, setUp, uri, "timed out after " + timeoutMillis + " ms setting up the ssh session");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return abandon(session, setUp, uri, "interrupted while setting up the ssh session");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TransportException transport) {
        throw transport;
      }
      throw new TransportException(uri, String.valueOf(e.getCause().getMessage()), e.getCause());
    }
  }

  private static RemoteSession abandon(
      CompletableFuture<RemoteSession> session, Thread setUp, URIish uri, String why)
      throws TransportException {
    if (session.cancel(false)) {
      setUp.interrupt();
      throw new TransportException(uri, why);
    }
    // It arrived in the meantime: use it after all.
    try {
      return session.join();
    } catch (RuntimeException e) {
      throw new TransportException(uri, why, e);
    }
  }

  @Override
  public String getType() {
    return sessions.getType();
  }

  @Override
  public void releaseSession(RemoteSession session) {
    sessions.releaseSession(session);
  }
}
