package se.kth.aspen.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.DeploymentNotice;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.RecommendationNotice;
import se.kth.aspen.core.port.RecoveryNotice;
import se.kth.aspen.core.port.Replicas;

/** The log's lines: what happened and where, without Slack's markup, label values or stack traces. */
class PlainTextTest {

  @Test
  void aDeploymentNamesTargetImageAndReplicasButNoLabelValue() {
    DeploymentNotice notice = new DeploymentNotice("app", "active", Optional.of(ImageReference.parse("busybox:1.2.3")),
        Optional.empty(), Instant.EPOCH, Replicas.count(2), Map.of("se.kth.team", "a-team-name"));

    assertThat(PlainText.deployment(notice)).isEqualTo("deployed active/app: busybox:1.2.3, 2 replicas");
    assertThat(PlainText.deployment(notice.because(DeploymentNotice.Reason.DRIFT)))
        .isEqualTo("deployed active/app: busybox:1.2.3, 2 replicas (reason: drift)");
  }

  @Test
  void errorsReadWithoutMarkup() {
    ErrorNotice failed = new ErrorNotice.DeployFailed("app", "active", "Verify", "tasks failed", List.of("#team"),
        Optional.of("java.lang.IllegalStateException\n\tat x"), true);

    assertThat(PlainText.error(failed)).isEqualTo("error deploying active/app in step Verify: tasks failed (still so, told again)");
    assertThat(PlainText.error(new ErrorNotice.Drift("app", "active", List.of("web: env +DEBUG"), false)))
        .isEqualTo("drift on active/app: its services no longer run what was deployed: web: env +DEBUG");
  }

  @Test
  void noLineCarriesSlackMarkup() {
    List<String> lines = List.of(
        PlainText.error(new ErrorNotice.DeployFailed("app", "active", "Deploy", "refused", List.of(), Optional.empty(), true)),
        PlainText.error(new ErrorNotice.PassProblem("down", true)),
        PlainText.error(new ErrorNotice.StoreOutage("Redis", "refused", List.of("active/app"))),
        PlainText.recommendation(new RecommendationNotice.MissingLabel("app", "se.kth.importance", "low, medium or high", List.of())),
        PlainText.recommendation(new RecommendationNotice.PolicyWarning("app", "active", "binds /var/run/docker.sock", List.of())),
        PlainText.recovery(new RecoveryNotice("app", "active", List.of(ImageReference.parse("busybox:1.2.3")), "Verify",
            Instant.EPOCH, List.of())));

    assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("*", "_", "`", "<!here>"));
  }
}
