package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.catalogue.PushedImage;

class FocusedPassTest {

  @TempDir Path root;
  PassFixture f;
  Pass pass;

  static final String HOST = "registry.example.org";

  @BeforeEach
  void registry() {
    f = new PassFixture(root);
    f.images.push(HOST + "/app-a", "1.2.3_a").push(HOST + "/app-b", "2.0.0_a").push(HOST + "/shared", "3.1.0_a");
    f.registry.write("app-a/active/docker-stack.yml",
        TestRegistry.stack(HOST + "/app-a:${WEB_VERSION}", "      WEB_VERSION: ~1.2.0\n", ""));
    f.registry.write("app-a/stage/docker-stack.yml",
        TestRegistry.stack(HOST + "/app-a:${WEB_VERSION}", "      WEB_VERSION: ~1.2.0\n", ""));
    f.registry.write("app-b/active/docker-stack.yml",
        TestRegistry.stack(HOST + "/app-b:${WEB_VERSION}", "      WEB_VERSION: ^2.0.0\n", ""));
    f.registry.write("app-c/active/docker-stack.yml",
        TestRegistry.stack(HOST + "/shared:${WEB_VERSION}", "      WEB_VERSION: ~3.1.0\n", ""));
    f.registry.write("app-d/active/docker-stack.yml",
        TestRegistry.stack(HOST + "/shared:${WEB_VERSION}", "      WEB_VERSION: ~3.2.0\n", ""));
    pass = new Pass(f.ports(), f.settings, f.clock);
  }

  @Test
  void aPushConcernsTheAppsWhoseRangeOfThatRepositoryTakesTheTag() {
    assertThat(pass.applicationsTaking(push("app-a", "1.2.4_b"))).as("before any pass").isEmpty();
    pass.run(PassMode.DEPLOY, r -> { });

    assertThat(pass.applicationsTaking(push("app-a", "1.2.4_b"))).containsExactly("app-a");
    assertThat(pass.applicationsTaking(push("app-a", "1.3.0_b"))).isEmpty();
    assertThat(pass.applicationsTaking(push("app-b", "2.7.1_b"))).containsExactly("app-b");
    assertThat(pass.applicationsTaking(push("shared", "3.1.9_b"))).containsExactly("app-c");
    // app-d's range has no tag yet: a push of one is what it waits for
    assertThat(pass.applicationsTaking(push("shared", "3.2.0_b"))).containsExactly("app-d");
    assertThat(pass.applicationsTaking(new PushedImage(Optional.of("other.example.org"), "app-a", "1.2.4_b"))).isEmpty();
  }

  @Test
  void aFocusedPassRunsTheNamedAppsOnEveryClusterAndNoOther() {
    pass.run(PassMode.DEPLOY, r -> { });
    f.images.push(HOST + "/app-a", "1.2.3_a", "1.2.4_b").push(HOST + "/app-b", "2.0.0_a", "2.1.0_b");
    int deploysBefore = f.orchestrator.deploys().size();

    PassReport focused = pass.runFor(Set.of("app-a"), PassMode.DEPLOY, r -> { });

    assertThat(focused.results()).extracting(r -> r.target().toString()).containsExactly("active/app-a", "stage/app-a");
    assertThat(focused.results()).allSatisfy(r -> assertThat(r.status()).isEqualTo(AppStatus.DEPLOYED));
    assertThat(f.orchestrator.deploys()).hasSize(deploysBefore + 2);
  }

  private static PushedImage push(String repository, String tag) {
    return new PushedImage(Optional.of(HOST), repository, tag);
  }
}
