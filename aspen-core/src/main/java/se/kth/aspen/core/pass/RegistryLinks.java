package se.kth.aspen.core.pass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import se.kth.aspen.core.fingerprint.TreeListing;

/**
 * Symbolic links in the application registry are never followed: a link could lead out of the
 * registry, to another app's files or to the machine Aspen runs on, or loop. What a link hides is
 * reported, never skipped in silence, in the same words by {@code validate}, {@code plan} and the
 * pass:
 *
 * <ul>
 *   <li>a {@code docker-stack.yml} that is a link fails its app as INVALID ({@link #stackFile});
 *   <li>a link to a directory outside any app's own directory (a linked {@code <cluster>} or
 *       {@code <application>} directory, say {@code app/stage -> active}) is reported as a problem
 *       of the pass ({@link #directory}): nothing under it is deployed. Links inside an app's
 *       directory are that app's files, confined to it when the stack names them.
 * </ul>
 */
public final class RegistryLinks {

  private RegistryLinks() {}

  /** Why a stack file that is a link is refused. */
  public static String stackFile(String stackPath) {
    return stackPath + " is a symbolic link; a stack file must be a regular file inside the registry";
  }

  /** What a linked directory outside any app's directory means. */
  public static String directory(String relative) {
    return relative + " is a symbolic link to a directory; links are not followed, so no stack under it is deployed "
        + "(make it a real directory, or a copy)";
  }

  /**
   * The links to directories the walk found outside the given target directories, as problems.
   * Only these links are looked through (one stat each), to tell a directory from a file.
   *
   * @param targetDirectories '/'-separated paths, relative to the walk's root, of every directory
   *     holding a stack file
   */
  public static List<String> linkedDirectories(TreeListing tree, Set<String> targetDirectories) {
    List<String> out = new ArrayList<>();
    for (TreeListing.Found found : tree.found()) {
      if (!found.link()) {
        continue;
      }
      String relative = found.relative();
      if (insideAny(relative, targetDirectories)) {
        continue;
      }
      if (Files.isDirectory(found.path())) {
        out.add(directory(relative));
      }
    }
    out.sort(null);
    return out;
  }

  private static boolean insideAny(String relative, Set<String> directories) {
    for (int slash = relative.lastIndexOf('/'); slash > 0; slash = relative.lastIndexOf('/', slash - 1)) {
      if (directories.contains(relative.substring(0, slash))) {
        return true;
      }
    }
    return false;
  }

  /** The directory of a '/'-separated stack path, relative to the registry: {@code app/active}. */
  static String directoryOf(String stackPath) {
    int slash = stackPath.lastIndexOf('/');
    return slash < 0 ? "" : stackPath.substring(0, slash);
  }

  /** Stack files found under a directory by the same walk and rules as a pass's discovery. */
  public record Search(List<Path> stackFiles, List<String> linkedStackFiles, List<String> linkedDirectories) {
    public Search {
      stackFiles = List.copyOf(stackFiles);
      linkedStackFiles = List.copyOf(linkedStackFiles);
      linkedDirectories = List.copyOf(linkedDirectories);
    }
  }

  /**
   * Every {@code docker-stack.yml} under {@code root} (at any depth, {@code .git} skipped, no link
   * followed), with the links a pass would report there, paths relative to {@code root}.
   */
  public static Search search(Path root) throws java.io.IOException {
    TreeListing tree = TreeListing.of(root.toRealPath());
    List<Path> files = new ArrayList<>();
    List<String> linkedFiles = new ArrayList<>();
    Set<String> directories = new java.util.HashSet<>();
    for (TreeListing.Found found : tree.found()) {
      String relative = found.relative();
      if (!relative.equals(Discovery.STACK_FILE) && !relative.endsWith("/" + Discovery.STACK_FILE)) {
        continue;
      }
      directories.add(directoryOf(relative));
      if (found.link()) {
        linkedFiles.add(relative);
      } else if (found.regular()) {
        files.add(found.path());
      }
    }
    files.sort(null);
    linkedFiles.sort(null);
    return new Search(files, linkedFiles, linkedDirectories(tree, directories));
  }
}
