package se.kth.aspen.core.pass;

import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

/** What every stage of one target's chain shares: the pass, the target, its cluster and its deadline. */
record TargetContext(PassContext pass, AppTarget target, Cluster cluster, TargetKey key, Deadline deadline) {

  TargetContext(PassContext pass, AppTarget target, Cluster cluster, Deadline deadline) {
    this(pass, target, cluster, target.key(pass.settings().group()), deadline);
  }

  /** The target's recorded state, read now. */
  TargetState state(Step step) throws StepFailure {
    try {
      TargetState state = pass.ports().state().read(key);
      pass.recording().outage().answered();
      return state;
    } catch (PortException e) {
      throw StepFailure.storeUnreachable(step, "reading the state of " + target + ": " + e.getMessage(), e);
    }
  }
}
