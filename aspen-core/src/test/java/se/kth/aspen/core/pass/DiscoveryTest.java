package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscoveryTest {

  @TempDir Path root;
  @TempDir Path outside;

  private Discovery.Output discover() throws Exception {
    return new Discovery().discover(new Discovery.Input(root));
  }

  @ParameterizedTest(name = "{0} is app {1} on cluster {2}")
  @CsvSource({
      "app/active/docker-stack.yml,                 app,   active",
      "team/app/stage/docker-stack.yml,             app,   stage",
      "a/b/c/d/e/kth-azure-app/active/docker-stack.yml, kth-azure-app, active",
  })
  void theGrandparentIsTheAppAndTheParentTheClusterAtAnyDepth(String path, String app, String cluster) throws Exception {
    new TestRegistry(root).write(path, "services: {}\n");

    assertThat(discover().targets()).singleElement().satisfies(t -> {
      assertThat(t.application()).isEqualTo(app);
      assertThat(t.cluster()).isEqualTo(cluster);
      assertThat(t.stackPath()).isEqualTo(path);
      assertThat(t.directory()).isEqualTo(root.resolve(path).getParent());
    });
  }

  @Test
  void onlyFilesNamedExactlyDockerStackYmlAreStacks() throws Exception {
    TestRegistry r = new TestRegistry(root);
    r.write("app/active/docker-stack.yaml", "x");
    r.write("app/active/docker-compose.yml", "x");
    r.write("app/active/Docker-Stack.yml", "x");
    r.write("app/active/docker-stack.yml.orig", "x");
    r.write("app/active/secrets.env", "x");
    Files.createDirectories(root.resolve("app/stage/docker-stack.yml"));

    assertThat(discover().targets()).isEmpty();
  }

  @Test
  void gitDirectoriesAreNeverSearched() throws Exception {
    TestRegistry r = new TestRegistry(root);
    r.write(".git/app/active/docker-stack.yml", "x");
    r.write("team/.git/app/active/docker-stack.yml", "x");
    r.write("app/active/docker-stack.yml", "x");

    assertThat(discover().targets()).extracting(AppTarget::stackPath).containsExactly("app/active/docker-stack.yml");
  }

  @Test
  void strayStackFilesTooHighUpAreReportedNotTargets() throws Exception {
    TestRegistry r = new TestRegistry(root);
    r.write("docker-stack.yml", "x");
    r.write("active/docker-stack.yml", "x");

    Discovery.Output out = discover();

    assertThat(out.targets()).isEmpty();
    assertThat(out.problems()).containsExactly(
        "active/docker-stack.yml is not inside <application>/<cluster>/; ignored",
        "docker-stack.yml is not inside <application>/<cluster>/; ignored");
  }

  @Test
  void linkedDirectoriesAreNotFollowedOutOfTheRoot() throws Exception {
    new TestRegistry(outside).write("evil/active/docker-stack.yml", "x");
    Files.createSymbolicLink(root.resolve("linked"), outside);
    Files.createDirectories(root.resolve("loop/active"));
    Files.createSymbolicLink(root.resolve("loop/active/again"), root);

    assertThat(discover().targets()).isEmpty();
  }

  @Test
  void aRegistryRootReachedThroughALinkIsSearched() throws Exception {
    new TestRegistry(outside).write("app/active/docker-stack.yml", "x");
    Path link = Files.createSymbolicLink(root.resolve("current"), outside);

    assertThat(new Discovery().discover(new Discovery.Input(link)).targets())
        .extracting(AppTarget::stackPath).containsExactly("app/active/docker-stack.yml");
  }

  @Test
  void aLinkedStackFileIsStillATargetSoItsAppFailsVisibly() throws Exception {
    Files.createDirectories(root.resolve("app/active"));
    Files.createSymbolicLink(root.resolve("app/active/docker-stack.yml"), Files.writeString(outside.resolve("s.yml"), "x"));

    assertThat(discover().targets()).extracting(AppTarget::stackPath).containsExactly("app/active/docker-stack.yml");
  }

  @Test
  void aLinkedClusterOrApplicationDirectoryIsReportedNotIgnored() throws Exception {
    new TestRegistry(root).write("app/active/docker-stack.yml", "x");
    Files.createSymbolicLink(root.resolve("app/stage"), root.resolve("app/active"));
    new TestRegistry(outside).write("active/docker-stack.yml", "x");
    Files.createDirectories(root.resolve("team"));
    Files.createSymbolicLink(root.resolve("team/other-app"), outside);

    Discovery.Output out = discover();

    assertThat(out.targets()).extracting(AppTarget::stackPath).containsExactly("app/active/docker-stack.yml");
    assertThat(out.problems()).containsExactly(
        "app/stage is a symbolic link to a directory; links are not followed, so no stack under it is deployed "
            + "(make it a real directory, or a copy)",
        "team/other-app is a symbolic link to a directory; links are not followed, so no stack under it is deployed "
            + "(make it a real directory, or a copy)");
  }

  @Test
  void linksInsideAnAppsDirectoryAndLinksToFilesAreNoProblem() throws Exception {
    TestRegistry r = new TestRegistry(root);
    r.write("app/active/docker-stack.yml", "x");
    r.write("shared/conf/app.conf", "x");
    r.write("docs/README.md", "x");
    Files.createSymbolicLink(root.resolve("app/active/conf"), root.resolve("shared/conf"));
    Files.createSymbolicLink(root.resolve("README.md"), root.resolve("docs/README.md"));

    assertThat(discover().problems()).isEmpty();
  }

  @Test
  void targetsComeInStackPathOrderWhateverTheFileSystemsOrder() throws Exception {
    TestRegistry r = new TestRegistry(root);
    for (String p : new String[] {"z/active", "a/stage", "m/x/active", "a/active", "b/active"}) {
      r.write(p + "/docker-stack.yml", "x");
    }

    assertThat(discover().targets()).extracting(AppTarget::stackPath).containsExactly(
        "a/active/docker-stack.yml", "a/stage/docker-stack.yml", "b/active/docker-stack.yml",
        "m/x/active/docker-stack.yml", "z/active/docker-stack.yml");
  }
}
