package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.FailureKind;
import se.kth.aspen.core.pass.PassReport;

/**
 * A migration job that exits non-zero, through the whole runner on the real swarm: the app is
 * FAILED with the job's task error, then BLOCKED; the service that depends on the job keeps its
 * previous spec; the error is told once.
 */
class FailedJobIT extends Scenario {

  private final String migrating = app("migrating");

  /** {@code migrate} (a job running {@code command}) before {@code web}, which carries {@code RELEASE}. */
  private static StackFile release(String release, String command) {
    StackFile stack = StackFile.web();
    stack.service("web").env("RELEASE", release).dependsOn("migrate", "service_completed_successfully");
    stack.add(new StackFile.Service("migrate").image("127.0.0.1:5000/busybox:1.0.0_abc").job().command(command));
    return stack;
  }

  private List<JsonNode> errorsAbout(String app) {
    return errors().stream().filter(e -> e.path("message").asText().contains("*active/" + app + "*")).toList();
  }

  @Test
  void aJobExitingNonZeroFailsTheAppWithItsTaskErrorOnceAndLeavesItsDependentAsItWas() {
    writeStack(migrating, "active", release("1", "echo migrated to 1"));
    git.commitAndPush("release 1 and its migration");
    Aspen aspen = aspen();
    PassReport first = aspen.deployPass();
    assertThat(result(first, migrating, "active").status()).as(describe(first)).isEqualTo(AppStatus.DEPLOYED);

    writeStack(migrating, "active", release("2", "echo the migration to 2 broke; exit 1"));
    git.commitAndPush("release 2, whose migration fails");
    PassReport failedPass = aspen.deployPass();

    AppResult failed = result(failedPass, migrating, "active");
    assertThat(failed.status()).as(describe(failedPass)).isEqualTo(AppStatus.FAILED);
    assertThat(failed.failure()).contains(FailureKind.TRIED_AND_FAILED);
    assertThat(failed.reason().orElseThrow()).contains(migrating + "_web was not deployed", "migrate: failed",
        "non-zero exit (1)");
    assertThat(engine.serviceEnv(migrating + "_web")).as("web keeps release 1's spec").contains("RELEASE=1")
        .doesNotContain("RELEASE=2");

    PassReport later = aspen.deployPass();
    assertThat(result(later, migrating, "active").status()).as(describe(later)).isEqualTo(AppStatus.BLOCKED);
    assertThat(engine.serviceEnv(migrating + "_web")).contains("RELEASE=1");
    drainNotices(aspen);
    assertThat(errorsAbout(migrating)).as("the failure is told once").singleElement()
        .satisfies(e -> assertThat(e.path("message").asText()).contains("non-zero exit (1)"));
  }
}
