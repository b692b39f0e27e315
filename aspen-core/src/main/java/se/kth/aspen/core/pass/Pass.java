package se.kth.aspen.core.pass;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

/**
 * One pass over the application registry: discover every target, and for each, in parallel,
 * decide whether it changed, and deploy, verify and record it when it did. Never throws: every
 * problem ends up in the {@link PassReport}, one target's failure never touching another.
 */
public final class Pass {

  private final Ports ports;
  private final PassSettings settings;
  private final Clock clock;

  public Pass(Ports ports, PassSettings settings, Clock clock) {
    this.ports = Objects.requireNonNull(ports, "ports");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Runs one pass; results are also given to the listener as they come. */
  public PassReport run(PassMode mode, PassListener listener) {
    Instant started = clock.instant();
    return new PassReport("", started, Duration.between(started, clock.instant()), List.of(),
        List.of("the pass is not implemented yet"));
  }

  /**
   * Asks for a failed desired state to be tried again on the next pass (issue 12): forgets the
   * failure, keeping the last good deploy.
   *
   * @return whether the target had a failure to forget
   * @throws PortException when the state store cannot be reached
   */
  public boolean retry(TargetKey target) throws PortException {
    TargetState state = ports.state().read(target);
    if (state.lastFailed().isEmpty()) {
      return false;
    }
    ports.state().forget(target);
    if (state.lastGood().isPresent()) {
      ports.state().recordSuccess(target, state.lastGood().get());
    }
    return true;
  }
}
