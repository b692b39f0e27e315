package se.kth.aspen.core.port;

import java.util.Optional;

/** A target's remembered deploys. */
public record TargetState(Optional<DeployRecord> lastGood, Optional<FailureRecord> lastFailed) {

  public static final TargetState NONE = new TargetState(Optional.empty(), Optional.empty());
}
