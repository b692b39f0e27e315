package se.kth.aspen.core.pass;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.fingerprint.TreeListing;

/**
 * Discover: every file named exactly {@code docker-stack.yml}, at any depth, is one target;
 * application = its grandparent directory's name, cluster = its parent's (see aspen-core/README.md).
 *
 * <p>{@code .git} is skipped, and symbolic links are never followed (a linked directory could
 * lead out of the registry or loop): a stack file that is itself a link is still a target, so
 * that its app fails with a clear reason rather than silently vanishing, and a linked directory
 * outside the apps' directories is a problem of the pass ({@link RegistryLinks}). Results are sorted by
 * stack path, so every pass sees the targets in the same order.
 */
final class Discovery {

  static final String STACK_FILE = "docker-stack.yml";

  /** The registry root to search. */
  record Input(Path root) {}

  /**
   * The targets, and stack files found in places that name no application and cluster.
   *
   * @param tree the walk this discovery made, for checking directories against in the same pass;
   *     empty once remembered for later passes, when it no longer holds
   */
  record Output(List<AppTarget> targets, List<String> problems, Optional<TreeListing> tree) {
    Output {
      targets = List.copyOf(targets);
      problems = List.copyOf(problems);
      Objects.requireNonNull(tree, "tree");
    }

    Output withoutTree() {
      return new Output(targets, problems, Optional.empty());
    }

    /** The targets of the named applications only; the problems belong to the whole pass. */
    Output only(java.util.Set<String> applications) {
      return new Output(targets.stream().filter(t -> applications.contains(t.application())).toList(), List.of(), tree);
    }
  }

  Output discover(Input input) throws IOException {
    // The root itself may be reached through a link (a deploy's "current" checkout): resolve it
    // once, so the walk starts in a real directory; below it, no link is followed.
    Path root = input.root().toRealPath();
    // One walk serves both discovery and, later in the pass, the check that a directory is
    // unchanged: listing each directory once instead of twice is most of a no-change pass's cost.
    TreeListing tree = TreeListing.of(root);
    List<AppTarget> targets = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    java.util.Set<String> stackDirectories = new java.util.HashSet<>();
    for (TreeListing.Found file : tree.found()) {
      String stackPath = file.relative();
      if (!stackPath.equals(STACK_FILE) && !stackPath.endsWith("/" + STACK_FILE)) {
        continue;
      }
      stackDirectories.add(RegistryLinks.directoryOf(stackPath));
      // Counted on the relative text: the stack needs an application and a cluster directory above it.
      if (stackPath.chars().filter(c -> c == '/').count() < 2) {
        problems.add(stackPath + " is not inside <application>/<cluster>/; ignored");
      } else {
        Path dir = file.path().getParent();
        targets.add(new AppTarget(dir.getParent().getFileName().toString(), dir.getFileName().toString(), dir, stackPath));
      }
    }
    problems.addAll(RegistryLinks.linkedDirectories(tree, stackDirectories));
    for (TreeListing.Unreadable entry : tree.unreadable()) {
      problems.add(entry.relative() + " could not be read: " + entry.reason());
    }
    targets.sort(Comparator.comparing(AppTarget::stackPath));
    problems.sort(null);
    return new Output(targets, problems, Optional.of(tree));
  }
}
