package se.kth.aspen.core.pass;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import se.kth.aspen.core.catalogue.PushedImage;
import se.kth.aspen.core.compose.VersionRequest;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.version.VersionRange;

/**
 * Which application resolves which range of which repository, as the last pass that resolved it
 * found: what a push event is checked against, so that it starts a pass for the apps it concerns
 * only. Each target's entry is replaced whenever the target resolves; thread-safe.
 *
 * <p>It also keeps each target's last successful resolution ({@link Last}), so that the next
 * resolution of an unchanged stack parses none of its ranges again and, for a repository whose
 * tag list is the same, takes the tag it took before instead of choosing among the tags again.
 */
final class RangeUses {

  record Use(ImageReference repository, VersionRange range) {}

  /**
   * A target's last resolution that succeeded: what it was computed from and what it gave.
   *
   * @param requests the stack's version requests, the very list its directory's hash holds (a
   *     changed directory is hashed anew, and so gives another list)
   * @param fixed the fixed variables its repositories were named with
   * @param uses each request's repository and range, parsed, in the order of {@code requests}
   * @param tags each request's tag list as the catalogue gave it (immutable copies)
   * @param bests each request's tag
   */
  record Last(List<VersionRequest> requests, Map<String, String> fixed, List<Use> uses, List<List<String>> tags,
      List<String> bests) {
    Last {
      fixed = Map.copyOf(fixed);
      uses = List.copyOf(uses);
      tags = List.copyOf(tags);
      bests = List.copyOf(bests);
    }

    /** Whether its parse holds for these requests and fixed variables. */
    boolean parsedFrom(List<VersionRequest> asked, Map<String, String> with) {
      return requests == asked && fixed.equals(with);
    }
  }

  private final Map<String, Target> byStackPath = new ConcurrentHashMap<>();

  private record Target(String application, List<Use> uses, Last last) {}

  /** The target resolved (or failed to) with these uses; forgets its last resolution. */
  void resolved(AppTarget target, List<Use> uses) {
    if (uses.isEmpty()) {
      byStackPath.remove(target.stackPath());
    } else {
      byStackPath.put(target.stackPath(), new Target(target.application(), List.copyOf(uses), null));
    }
  }

  /** The target resolved every range: its uses are the resolution's. */
  void resolved(AppTarget target, Last last) {
    byStackPath.put(target.stackPath(), new Target(target.application(), last.uses(), last));
  }

  /** The target's last resolution, when the last one succeeded. */
  Optional<Last> last(AppTarget target) {
    Target known = byStackPath.get(target.stackPath());
    return known == null ? Optional.empty() : Optional.ofNullable(known.last());
  }

  /** The applications with a range of the pushed repository that takes the pushed tag. */
  Set<String> applicationsTaking(PushedImage pushed) {
    Set<String> applications = new TreeSet<>();
    List<String> tag = List.of(pushed.tag());
    for (Target target : byStackPath.values()) {
      for (Use use : target.uses()) {
        if (pushed.names(use.repository()) && use.range().best(tag).isPresent()) {
          applications.add(target.application());
        }
      }
    }
    return applications;
  }
}
