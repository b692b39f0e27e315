package se.kth.aspen.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeListingTest {

  @TempDir Path root;

  private void write(String relative, String content) throws Exception {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void aDirectoryBelowTheRootIsListedAsItsOwnListingWouldList() throws Exception {
    write("team/app/active/docker-stack.yml", "services: {}");
    write("team/app/active/conf/app.yml", "x: 1");
    write("team/app/active/.git/HEAD", "ref");
    write("team/app/activeX/docker-stack.yml", "services: {}");
    write("team/app/stage/docker-stack.yml", "services: {}");
    Files.createSymbolicLink(root.resolve("team/app/active/secrets.env"), Path.of("../stage/secrets.env"));
    Path real = root.toRealPath();

    TreeListing tree = TreeListing.of(real);

    Path active = real.resolve("team/app/active");
    assertThat(tree.below(active)).contains(Listing.of(active));
    assertThat(tree.below(active).orElseThrow().entries()).extracting(Listing.Entry::relative)
        .containsExactly("conf/app.yml", "docker-stack.yml", "secrets.env");
  }

  @Test
  void everyEntryThatIsNotADirectoryIsFoundLinksIncludedGitExcluded() throws Exception {
    write("a/b/docker-stack.yml", "x");
    write(".git/config", "x");
    write("a/.git/docker-stack.yml", "x");
    Files.createSymbolicLink(root.resolve("a/link"), root);

    TreeListing tree = TreeListing.of(root.toRealPath());

    assertThat(tree.found()).extracting(TreeListing.Found::relative)
        .containsExactlyInAnyOrder("a/b/docker-stack.yml", "a/link");
    assertThat(tree.found()).filteredOn(TreeListing.Found::link).extracting(TreeListing.Found::relative)
        .containsExactly("a/link");
  }

  @Test
  void aTreeWalkedBySeveralThreadsIsListedInTheOrderOneThreadWouldListIt() throws Exception {
    for (int team = 0; team < 12; team++) {
      for (int app = 0; app < 5; app++) {
        write("team-" + team + "/app-" + app + "/active/docker-stack.yml", "services: {}");
        write("team-" + team + "/app-" + app + "/active/conf/" + app + ".yml", "x: " + app);
      }
    }
    write("top-level.yml", "x");
    Path real = root.toRealPath();

    TreeListing tree = TreeListing.of(real);

    List<String> oneThread = new ArrayList<>();
    listInOrder(real, "", oneThread);
    assertThat(tree.found()).extracting(TreeListing.Found::relative).containsExactlyElementsOf(oneThread);
    assertThat(oneThread).hasSize(12 * 5 * 2 + 1);
    assertThat(tree.below(real.resolve("team-7/app-3"))).contains(Listing.of(real.resolve("team-7/app-3")));
  }

  /** A plain recursive walk in the order the file system lists each directory. */
  private static void listInOrder(Path directory, String prefix, List<String> into) throws Exception {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
      for (Path child : children) {
        String relative = prefix + child.getFileName();
        if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
          listInOrder(child, relative + "/", into);
        } else {
          into.add(relative);
        }
      }
    }
  }

  @Test
  void theRootAndPathsOutsideItHaveNoListing() throws Exception {
    write("a/b/docker-stack.yml", "x");
    Path real = root.toRealPath();

    TreeListing tree = TreeListing.of(real);

    assertThat(tree.below(real)).isEmpty();
    assertThat(tree.below(real.getParent())).isEmpty();
  }

  @Test
  void aDirectoryHoldsWhileNothingBelowItChangedAndNotAfterAFileIsAddedOrAStatChanges() throws Exception {
    write("team/app/active/docker-stack.yml", "services: {}");
    write("team/app/activeX/docker-stack.yml", "services: {}");
    Path real = root.toRealPath();
    Path active = real.resolve("team/app/active");
    Listing listed = Listing.of(active);

    boolean unchanged = TreeListing.of(real).holds(active, listed);
    write("team/app/active/conf/app.yml", "x: 1");
    boolean added = TreeListing.of(real).holds(active, listed);
    Files.delete(real.resolve("team/app/active/conf/app.yml"));
    boolean removedAgain = TreeListing.of(real).holds(active, listed);
    Files.setLastModifiedTime(real.resolve("team/app/active/docker-stack.yml"),
        java.nio.file.attribute.FileTime.fromMillis(0));
    boolean touched = TreeListing.of(real).holds(active, listed);

    assertThat(unchanged).isTrue();
    assertThat(added).isFalse();
    assertThat(removedAgain).isTrue();
    assertThat(touched).isFalse();
  }

  @Test
  void theKindOfAPathIsWhatTheWalkSaw() throws Exception {
    write("app/active/docker-stack.yml", "x");
    write("app/stage/real.yml", "x");
    Files.createSymbolicLink(root.resolve("app/stage/docker-stack.yml"), Path.of("real.yml"));

    TreeListing tree = TreeListing.of(root.toRealPath());

    assertThat(tree.kind("app/active/docker-stack.yml")).isEqualTo(TreeListing.Kind.REGULAR_FILE);
    assertThat(tree.kind("app/stage/docker-stack.yml")).isEqualTo(TreeListing.Kind.LINK);
    assertThat(tree.kind("app/other/docker-stack.yml")).isEqualTo(TreeListing.Kind.ABSENT);
  }
}
