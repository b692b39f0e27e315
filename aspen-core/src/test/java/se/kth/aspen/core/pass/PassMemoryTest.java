package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.core.pass.PassFixture.only;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.RegistrySnapshot;

/** One Pass kept across passes reads only what the registry source says changed. */
class PassMemoryTest {

  static final String A = "team/app-a/active/docker-stack.yml";
  static final String IMAGE = "registry.example.org/app";

  @TempDir Path root;
  PassFixture f;
  Pass pass;

  @BeforeEach
  void oneApp() {
    f = new PassFixture(root);
    f.images.push(IMAGE, "1.0.0", "1.0.1", "1.1.0", "1.0.1_a");
    f.registry.write(A, TestRegistry.stack(IMAGE + ":1.0.0"));
    pass = new Pass(f.ports(), f.settings, f.clock);
  }

  private PassReport pass(String revision, Optional<Set<String>> changed) {
    f.source.snapshot(new RegistrySnapshot(root, revision, changed, Optional.empty()));
    return pass.run(PassMode.DEPLOY, PassListener.NONE);
  }

  @Test
  void aDirectoryTheSourceSaysIsUnchangedIsNotReadAgain() {
    pass("r1", Optional.of(Set.of()));
    f.registry.write(A, TestRegistry.stack(IMAGE + ":1.0.1"));

    assertThat(only(pass("r2", Optional.of(Set.of("README.md"))), A).status()).isEqualTo(AppStatus.UNCHANGED);
    assertThat(only(pass("r3", Optional.of(Set.of("team/app-a/active/docker-stack.yml"))), A).status())
        .isEqualTo(AppStatus.DEPLOYED);
  }

  @Test
  void aChangeBelowTheDirectoryForgetsIt() {
    pass("r1", Optional.of(Set.of()));
    f.registry.write("team/app-a/active/conf/app.yml", "x: 2");

    assertThat(only(pass("r2", Optional.of(Set.of("team/app-a/active/conf/app.yml"))), A).status()).isEqualTo(AppStatus.DEPLOYED);
  }

  @Test
  void anAddedStackIsDiscovered() {
    pass("r1", Optional.of(Set.of()));
    f.registry.write("app-b/active/docker-stack.yml", TestRegistry.stack(IMAGE + ":1.0.0"));

    assertThat(only(pass("r2", Optional.of(Set.of("app-b/active/docker-stack.yml"))), "app-b/active/docker-stack.yml").status())
        .isEqualTo(AppStatus.DEPLOYED);
  }

  @Test
  void withoutKnownChangesEveryDirectoryIsHashedEveryPass() {
    pass("r1", Optional.empty());
    f.registry.write(A, TestRegistry.stack(IMAGE + ":1.0.1"));

    assertThat(only(pass("r1", Optional.empty()), A).status()).isEqualTo(AppStatus.DEPLOYED);
  }

  @Test
  void aRememberedAppIsDeployedAgainWhenItsClusterMovesOrIsBeingPrepared() {
    pass("r1", Optional.empty());
    assertThat(only(pass("r1", Optional.of(Set.of())), A).status()).isEqualTo(AppStatus.UNCHANGED);

    f.clusters.list(se.kth.aspen.core.port.ClusterList.of(java.util.List.of(new se.kth.aspen.core.port.Cluster(
        "active", se.kth.aspen.core.port.ClusterEndpoint.parse("moved.example:2376"), false))));
    assertThat(only(pass("r1", Optional.of(Set.of())), A).status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(only(pass("r1", Optional.of(Set.of())), A).status()).isEqualTo(AppStatus.UNCHANGED);

    f.clusters.list(se.kth.aspen.core.port.ClusterList.of(java.util.List.of(new se.kth.aspen.core.port.Cluster(
        "active", se.kth.aspen.core.port.ClusterEndpoint.parse("moved.example:2376"), true))));
    assertThat(only(pass("r1", Optional.of(Set.of())), A).status()).isEqualTo(AppStatus.DEPLOYED);
  }

  @Test
  void aRememberedSemverAppStillSeesNewTags() {
    f.registry.write(A, TestRegistry.stack(IMAGE + ":${V}", "      V: ~1.0.0\n", ""));
    pass("r1", Optional.empty());
    pass("r2", Optional.of(Set.of()));
    f.images.push(IMAGE, "1.0.2_a");

    PassReport report = pass("r3", Optional.of(Set.of()));

    assertThat(only(report, A).status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(only(report, A).images().get("web")).startsWith(IMAGE + ":1.0.2_a@");
  }
}
