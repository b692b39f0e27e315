package se.kth.aspen.git;

import org.eclipse.jgit.lib.ProgressMonitor;
import se.kth.aspen.core.port.Deadline;

/**
 * Cancels a JGit operation once the deadline has passed: JGit asks {@link #isCancelled()} between
 * units of work (objects received, files checked out), so a slow transfer stops at the next one.
 */
final class DeadlineMonitor implements ProgressMonitor {

  private final Deadline deadline;

  DeadlineMonitor(Deadline deadline) {
    this.deadline = deadline;
  }

  @Override
  public void start(int totalTasks) {}

  @Override
  public void beginTask(String title, int totalWork) {}

  @Override
  public void update(int completed) {}

  @Override
  public void endTask() {}

  @Override
  public boolean isCancelled() {
    return deadline.passed();
  }

  @Override
  public void showDuration(boolean enabled) {}
}
