package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassMode;
import se.kth.aspen.core.pass.PassReport;

/**
 * The cutover from the Python tool: stacks deployed with the real {@code docker stack deploy}
 * CLI, then {@code adopt}, then a deploying pass. What runs the desired images is adopted and
 * left alone (no engine write, no notice); what differs (an older tag, a tag pushed again since)
 * is listed as CHANGED with the reason.
 */
class AdoptIT extends Scenario {

  private final RegistryImages images = new RegistryImages();
  private final String ranged = app("ranged");
  private final String pinned = app("pinned");
  private final String older = app("older");
  private final String moved = app("moved");
  private final String repository = "it-" + suffix + "/adopt";

  @AfterEach
  void removeTags() {
    images.removePushed();
  }

  @Test
  void adoptsWhatTheClusterAlreadyRunsSoTheNextPassWritesAndAnnouncesNothing() throws Exception {
    StackFile rangedStack = StackFile.web();
    StackFile pinnedStack = StackFile.web();
    pinnedStack.service("web").image("127.0.0.1:5000/busybox:2.0.0");
    StackFile olderStack = StackFile.web();
    images.push(repository, "4.0.0_old", "1.2.3_def");
    StackFile movedStack = StackFile.web();
    movedStack.service("web").image("127.0.0.1:5000/" + repository + ":${WEB_VERSION}").range("~4.0.0");
    writeStack(ranged, "active", rangedStack);
    writeStack(pinned, "active", pinnedStack);
    writeStack(older, "active", olderStack);
    writeStack(moved, "active", movedStack);
    git.commitAndPush("four apps the Python tool deployed");
    deployWithTheCli(ranged, rangedStack, "1.2.4_0a1b2c3");
    deployWithTheCli(pinned, pinnedStack, "unused");
    deployWithTheCli(older, olderStack, "1.2.3_def");
    deployWithTheCli(moved, movedStack, "4.0.0_old");
    String pushedAgain = images.push(repository, "4.0.0_old", "1.2.4_0a1b2c3");
    long rangedVersion = engine.serviceVersion(ranged + "_web");
    long pinnedVersion = engine.serviceVersion(pinned + "_web");

    Aspen aspen = aspen();
    PassReport adopt = aspen.pass().run(PassMode.ADOPT, result -> { });

    assertThat(result(adopt, ranged, "active").status()).as(describe(adopt)).isEqualTo(AppStatus.ADOPTED);
    assertThat(result(adopt, pinned, "active").status()).as(describe(adopt)).isEqualTo(AppStatus.ADOPTED);
    AppResult olderResult = result(adopt, older, "active");
    assertThat(olderResult.status()).as(describe(adopt)).isEqualTo(AppStatus.CHANGED);
    assertThat(olderResult.reason()).hasValueSatisfying(r -> assertThat(r)
        .startsWith("would deploy: service web runs 127.0.0.1:5000/busybox:1.2.3_def@sha256:")
        .endsWith(", the desired image is 127.0.0.1:5000/busybox:1.2.4_0a1b2c3"));
    AppResult movedResult = result(adopt, moved, "active");
    assertThat(movedResult.status()).as(describe(adopt)).isEqualTo(AppStatus.CHANGED);
    assertThat(movedResult.reason()).hasValueSatisfying(r -> assertThat(r)
        .contains("but 127.0.0.1:5000/" + repository + ":4.0.0_old is now " + pushedAgain + " in the registry"));

    // The two that would deploy stay out, so every write after this point would be a mistake.
    env.put("EXCLUDED_APPS", older + "," + moved);
    Instant since = Instant.now();
    PassReport run = aspen().deployPass();

    assertThat(result(run, ranged, "active").status()).as(describe(run)).isEqualTo(AppStatus.UNCHANGED);
    assertThat(result(run, pinned, "active").status()).as(describe(run)).isEqualTo(AppStatus.UNCHANGED);
    drainNotices(aspen);
    assertThat(writesSince(since)).isEmpty();
    assertThat(engine.serviceVersion(ranged + "_web")).isEqualTo(rangedVersion);
    assertThat(engine.serviceVersion(pinned + "_web")).isEqualTo(pinnedVersion);
    assertThat(deployments()).isEmpty();
    assertThat(errors()).isEmpty();
    assertThat(List.of(ranged, pinned)).allSatisfy(app -> assertThat(recommendationsFor(app)).isEmpty());
  }
}
