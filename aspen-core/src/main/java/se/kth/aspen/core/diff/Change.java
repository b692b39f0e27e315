package se.kth.aspen.core.diff;

/** How a target or a service differs between the base and the head revision. */
public enum Change {
  ADDED,
  REMOVED,
  CHANGED
}
