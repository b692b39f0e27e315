package se.kth.aspen.git;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit's one-time start in a fresh process, begun on a thread of its own when the first source is
 * made: its message bundle (about a thousand fields set by reflection), its file-system probe and
 * the system and user git configuration (found by running {@code git} once) are otherwise paid by
 * the first sync, at the head of a cold pass, while the other cores wait. Whatever fails here is
 * met, and reported, by the sync itself.
 */
final class JGitStart {

  private static final AtomicBoolean BEGUN = new AtomicBoolean();

  private JGitStart() {}

  /** Starts it once per process; returns at once. */
  static void ahead() {
    if (BEGUN.compareAndSet(false, true)) {
      Thread.ofVirtual().name("aspen-jgit-start").start(JGitStart::start);
    }
  }

  private static void start() {
    try {
      // Also loads the message bundle and probes the file system: the configuration files'
      // snapshots need both.
      SystemReader.getInstance().getUserConfig();
    } catch (IOException | ConfigInvalidException | RuntimeException e) {
      // the first sync reads the same configuration and reports what is wrong with it
    }
  }
}
