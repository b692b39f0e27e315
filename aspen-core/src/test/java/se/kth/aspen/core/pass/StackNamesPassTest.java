package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.core.pass.PassFixture.only;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names the engine would refuse fail the app when it is read, in a plan as in a deploy, never at the engine. */
class StackNamesPassTest {

  private static final String IMAGE = "registry.example.org/app";

  @TempDir Path root;
  PassFixture f;

  @BeforeEach
  void registry() {
    f = PassFixture.withImage(root, IMAGE, "1.2.3_abc");
  }

  @Test
  void anApplicationDirectoryThatIsNoStackNameIsInvalidInAPlanAndNeverDeployed() {
    String stack = "my.app/active/docker-stack.yml";
    f.registry.write(stack, TestRegistry.stack(IMAGE + ":1.2.3_abc"));

    AppResult planned = only(f.run(PassMode.PLAN), stack);
    AppResult deployed = only(f.deploy(), stack);

    for (AppResult result : new AppResult[] {planned, deployed}) {
      assertThat(result.status()).isEqualTo(AppStatus.FAILED);
      assertThat(result.failure()).contains(FailureKind.INVALID);
      assertThat(result.step()).contains("Read");
      assertThat(result.reason().orElseThrow()).startsWith(stack + ": application directory \"my.app\" is not a valid "
          + "stack name");
    }
    assertThat(f.orchestrator.deploys()).isEmpty();
  }

  @Test
  void aServiceNameTheEngineWouldRefuseIsInvalidInAPlan() {
    String stack = "app/active/docker-stack.yml";
    f.registry.write(stack, TestRegistry.stack(IMAGE + ":1.2.3_abc").replace("  web:\n", "  web.1:\n"));

    AppResult planned = only(f.run(PassMode.PLAN), stack);

    assertThat(planned.status()).isEqualTo(AppStatus.FAILED);
    assertThat(planned.failure()).contains(FailureKind.INVALID);
    assertThat(planned.reason().orElseThrow()).isEqualTo(stack + ":3: service web.1: the engine would refuse its name "
        + "app_web.1: a name may hold only letters, digits, '-' and '_', and must start and end with a letter or digit");
  }
}
