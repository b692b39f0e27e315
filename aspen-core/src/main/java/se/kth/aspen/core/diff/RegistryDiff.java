package se.kth.aspen.core.diff;

import java.util.List;
import java.util.Objects;

/**
 * Two revisions of the registry compared.
 *
 * @param base what the base side is called (a revision, a ref, a directory)
 * @param head likewise for the head
 * @param targets every target whose desired state differs, by stack path
 * @param problems stack files of the head that name no target, and anything else that keeps the
 *     comparison from being whole
 */
public record RegistryDiff(String base, String head, List<TargetChange> targets, List<String> problems) {

  public RegistryDiff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(head, "head");
    targets = List.copyOf(targets);
    problems = List.copyOf(problems);
  }

  /** How many targets differ in the given way. */
  public long count(Change change) {
    return targets.stream().filter(t -> t.change() == change).count();
  }

  /** How many targets the head would fail to deploy. */
  public long failing() {
    return targets.stream().filter(TargetChange::wouldFail).count();
  }

  /** Whether some target of the head could not be worked out, so the comparison says too little. */
  public boolean incomplete() {
    return targets.stream().anyMatch(TargetChange::couldNotTry);
  }
}
