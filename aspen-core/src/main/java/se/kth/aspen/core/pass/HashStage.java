package se.kth.aspen.core.pass;

import java.util.List;
import java.util.Optional;
import se.kth.aspen.core.compose.StackSource;

/**
 * Read, the cheap half: the application and cluster names checked, the directory's digest, and
 * the stack parsed only when its images name variables (which may be version ranges). A
 * directory hashed by an earlier pass and unchanged since is recalled ({@link PassMemory}).
 */
final class HashStage implements Stage<Known, HashStage.Hashed> {

  /** @param source the parsed stack, when parsing was needed to find its version ranges */
  record Hashed(Known known, PassMemory.Hashed hashed, Optional<StackSource> source) implements Progress {}

  private final TargetContext context;

  HashStage(TargetContext context) {
    this.context = context;
  }

  @Override
  public Step step() {
    return Step.READ;
  }

  @Override
  public Next<Hashed> apply(Known in) throws StepFailure {
    PassContext pass = context.pass();
    AppTarget target = context.target();
    Optional<PassMemory.Hashed> recalled = pass.memory().hashed(target);
    if (recalled.isPresent()) {
      // Its names, which its directory's path gives, were checked before it was hashed (below or
      // by Scouting). A first pass's scouting may have parsed it already: taken out here, so it
      // is held no longer.
      return Next.go(new Hashed(in, recalled.get(), Optional.ofNullable(pass.scouted().remove(target.stackPath()))));
    }
    Reading.names(target);
    Hashing.Output fresh = new Hashing(pass.memory().digests(), pass.tree()).hash(new Hashing.Input(target));
    Optional<StackSource> source = fresh.imagesNameVariables()
        ? Optional.of(new Reading(pass.reader()).parse(target)) : Optional.empty();
    PassMemory.Hashed hashed = new PassMemory.Hashed(fresh.digest(), source.map(StackSource::versionRequests).orElse(List.of()));
    pass.memory().remember(target, hashed);
    return Next.go(new Hashed(in, hashed, source));
  }
}
