package se.kth.aspen.core.pass;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import se.kth.aspen.core.catalogue.PushedImage;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.version.VersionRange;

/**
 * Which application resolves which range of which repository, as the last pass that resolved it
 * found: what a push event is checked against, so that it starts a pass for the apps it concerns
 * only. Each target's entry is replaced whenever the target resolves; thread-safe.
 */
final class RangeUses {

  record Use(ImageReference repository, VersionRange range) {}

  private final Map<String, Target> byStackPath = new ConcurrentHashMap<>();

  private record Target(String application, List<Use> uses) {}

  void resolved(AppTarget target, List<Use> uses) {
    if (uses.isEmpty()) {
      byStackPath.remove(target.stackPath());
    } else {
      byStackPath.put(target.stackPath(), new Target(target.application(), List.copyOf(uses)));
    }
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
