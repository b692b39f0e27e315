package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.core.pass.PassFixture.only;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.policy.HostBindMode;
import se.kth.aspen.core.policy.PolicySettings;
import se.kth.aspen.core.port.RecommendationNotice;

/** A stack binding the engine's socket, in a plan and a deploy, under each HOST_BIND_POLICY. */
class HostBindPassTest {

  private static final String STACK = "proxy/active/docker-stack.yml";
  private static final String IMAGE = "registry.example.org/proxy";

  @TempDir Path root;
  PassFixture f;

  @BeforeEach
  void registry() {
    f = PassFixture.withImage(root, IMAGE, "1.2.3_abc").withStack(STACK, TestRegistry.stack(IMAGE + ":1.2.3_abc", "",
        "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n"));
  }

  @Test
  void byDefaultAPlanAndADeployWarnWithFileAndLineAndTheDeployAlsoRecommends() {
    AppResult planned = only(f.run(PassMode.PLAN), STACK);
    AppResult deployed = only(f.deploy(), STACK);

    assertThat(planned.status()).isEqualTo(AppStatus.CHANGED);
    assertThat(planned.warnings()).singleElement().asString().startsWith(STACK + ":10: service web: HostBindPolicy: "
        + "binds the host path /var/run/docker.sock (at /var/run/docker.sock)");
    assertThat(deployed.status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(deployed.warnings()).isEqualTo(planned.warnings());
    assertThat(f.notifier.recommendations()).anySatisfy(r -> assertThat(r)
        .isInstanceOfSatisfying(RecommendationNotice.PolicyWarning.class, w -> {
          assertThat(w.application() + " " + w.cluster()).isEqualTo("proxy active");
          assertThat(w.warning()).startsWith(STACK + ":10:").contains("HostBindPolicy");
        }));
  }

  @Test
  void denyFailsTheAppInStepHostBindPolicyAndDeploysNothing() {
    f.settings = f.settings.toBuilder().policies(PolicySettings.DEFAULT.withHostBindMode(HostBindMode.DENY)).build();

    AppResult result = only(f.deploy(), STACK);

    assertThat(result.status()).isEqualTo(AppStatus.FAILED);
    assertThat(result.step()).contains("HostBindPolicy");
    assertThat(result.failure()).contains(FailureKind.INVALID);
    assertThat(result.reason().orElseThrow()).contains("binds the host path /var/run/docker.sock", "(line 10)");
    assertThat(f.orchestrator.deploys()).isEmpty();
  }

  @Test
  void grantedThroughTheAllowListAndTheLabelItDeploysWithoutAWord() {
    f.registry.write(STACK, TestRegistry.stack(IMAGE + ":1.2.3_abc", "",
        "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n")
        .replace("      se.kth.slackChannels: \"#team-a\"\n",
            "      se.kth.slackChannels: \"#team-a\"\n      se.kth.aspen.hostBind: /var/run/docker.sock\n"));
    f.settings = f.settings.toBuilder().policies(PolicySettings.DEFAULT.withHostBindMode(HostBindMode.DENY)
        .withHostBindAllowed(java.util.List.of("/var/run/docker.sock"))).build();

    AppResult result = only(f.deploy(), STACK);

    assertThat(result.status()).as(result.reason().orElse("")).isEqualTo(AppStatus.DEPLOYED);
    assertThat(result.warnings()).isEmpty();
  }
}
