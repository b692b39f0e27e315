package se.kth.aspen.core.pass;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Discover: every file named exactly {@code docker-stack.yml}, at any depth, is one target;
 * application = its grandparent directory's name, cluster = its parent's (CONTRACT §1).
 *
 * <p>{@code .git} is skipped, and symbolic links are never followed (a linked directory could
 * lead out of the registry or loop): a stack file that is itself a link is still a target, so
 * that its app fails with a clear reason rather than silently vanishing. Results are sorted by
 * stack path, so every pass sees the targets in the same order.
 */
final class Discovery {

  static final String STACK_FILE = "docker-stack.yml";

  /** The registry root to search. */
  record Input(Path root) {}

  /** The targets, and stack files found in places that name no application and cluster. */
  record Output(List<AppTarget> targets, List<String> problems) {
    Output {
      targets = List.copyOf(targets);
      problems = List.copyOf(problems);
    }
  }

  Output discover(Input input) throws IOException {
    // The root itself may be reached through a link (a deploy's "current" checkout): resolve it
    // once, so the walk starts in a real directory; below it, no link is followed.
    Path root = input.root().toRealPath();
    List<AppTarget> targets = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Files.walkFileTree(root, new FileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return !dir.equals(root) && dir.getFileName().toString().equals(".git")
            ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (!file.getFileName().toString().equals(STACK_FILE) || attrs.isDirectory()) {
          return FileVisitResult.CONTINUE;
        }
        Path relative = root.relativize(file);
        String stackPath = slashed(relative);
        if (relative.getNameCount() < 3) {
          problems.add(stackPath + " is not inside <application>/<cluster>/; ignored");
        } else {
          Path dir = file.getParent();
          targets.add(new AppTarget(dir.getParent().getFileName().toString(), dir.getFileName().toString(), dir, stackPath));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        problems.add(slashed(root.relativize(file)) + " could not be read: " + e.getMessage());
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) {
        return FileVisitResult.CONTINUE;
      }
    });
    targets.sort(Comparator.comparing(AppTarget::stackPath));
    problems.sort(null);
    return new Output(targets, problems);
  }

  static String slashed(Path relative) {
    StringBuilder text = new StringBuilder();
    for (Path part : relative) {
      if (!text.isEmpty()) {
        text.append('/');
      }
      text.append(part);
    }
    return text.toString();
  }
}
