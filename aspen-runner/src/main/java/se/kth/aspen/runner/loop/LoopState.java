package se.kth.aspen.runner.loop;

/** What the loop is doing, as {@code GET /api/v1/state} reports it. */
public enum LoopState {
  /** A pass is running. */
  RUNNING,
  /** The loop is on and waiting for its next pass. */
  WAITING,
  /** The loop is off: passes run only when triggered. */
  STOPPED
}
