package se.kth.aspen.core.pass;

import java.util.Optional;
import se.kth.aspen.core.fingerprint.Fingerprint;

/**
 * Read, for a target that goes on: the stack interpolated with the resolved variables, its
 * images parsed and its paths confined ({@link Reading}). Parsed here unless the hash stage
 * already had to.
 */
final class ReadStage implements Stage<DecideStage.Decided, ReadStage.Read> {

  record Read(Known known, Fingerprint fingerprint, Reading.Output read, Optional<DriftCheck.Found> drift)
      implements Progress {}

  private final TargetContext context;

  ReadStage(TargetContext context) {
    this.context = context;
  }

  @Override
  public Step step() {
    return Step.READ;
  }

  @Override
  public Next<Read> apply(DecideStage.Decided in) throws StepFailure {
    Reading reading = new Reading(context.pass().reader());
    Reading.Output read = reading.read(new Reading.Input(context.target(),
        in.source().isPresent() ? in.source().get() : reading.parse(context.target()), in.variables()));
    Known known = in.known().read(read.stack()).warned(Reading.warnings(read.stack()));
    return Next.go(new Read(known, in.fingerprint(), read, in.drift()));
  }
}
