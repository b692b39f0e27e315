package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.FailureKind;
import se.kth.aspen.core.pass.PassReport;

/**
 * Issue 12 on the real swarm: a new version that crashes is rolled back by Swarm and then left
 * alone (no flapping) until a commit fixes it; with whole-stack rollback the stack's healthy
 * service goes back too; an engine that cannot be reached is retried and never blocks.
 */
class FailedDeployIT extends Scenario {

  private final String crashing = app("crash");

  @BeforeEach
  void quickVerification() {
    env.put("VERIFY_START_RETRY_TIMES", "20");
  }

  private static StackFile healthy() {
    StackFile stack = StackFile.web();
    stack.service("web").failureAction("rollback");
    return stack;
  }

  private static StackFile crashingStack() {
    StackFile stack = StackFile.web();
    stack.service("web").failureAction("rollback").command("echo giving up; exit 1");
    return stack;
  }

  @Test
  void aVersionThatCrashesIsRolledBackBySwarmReportedAsFailedAndNotAppliedAgainUntilFixed() throws Exception {
    writeStack(crashing, "active", healthy());
    git.commitAndPush("a healthy version");
    Aspen aspen = aspen();
    assertThat(result(aspen.deployPass(), crashing, "active").status()).isEqualTo(AppStatus.DEPLOYED);
    String goodImage = engine.serviceImage(crashing + "_web");

    writeStack(crashing, "active", crashingStack());
    git.commitAndPush("a version that exits at once");
    PassReport failedPass = aspen.deployPass();

    AppResult failed = result(failedPass, crashing, "active");
    assertThat(failed.status()).as(describe(failedPass)).isEqualTo(AppStatus.FAILED);
    assertThat(failed.failure()).contains(FailureKind.TRIED_AND_FAILED);
    assertThat(aspen.state("active", stackPath(crashing, "active")).lastFailed()).isPresent();
    assertThat(aspen.state("active", stackPath(crashing, "active")).lastGood().orElseThrow().images().get("web"))
        .isEqualTo(goodImage);

    Instant since = Instant.now();
    for (int i = 0; i < 3; i++) {
      PassReport later = aspen.deployPass();
      assertThat(result(later, crashing, "active").status()).as(describe(later)).isEqualTo(AppStatus.BLOCKED);
    }
    assertThat(writesSince(since)).as("three passes after the failure make no service update").isEmpty();
    drainNotices(aspen);
    assertThat(errors()).as("the failure is said once").hasSize(1);
    assertThat(errors().getFirst().path("message").asText()).startsWith("Error deploying *active/" + crashing + "* in step _");

    StackFile fixed = healthy();
    fixed.service("web").env("FIXED", "yes");
    writeStack(crashing, "active", fixed);
    git.commitAndPush("fixed");
    PassReport fixedPass = aspen.deployPass();
    assertThat(result(fixedPass, crashing, "active").status()).as(describe(fixedPass)).isEqualTo(AppStatus.DEPLOYED);
    assertThat(engine.serviceEnv(crashing + "_web")).contains("FIXED=yes");
    drainNotices(aspen);
    assertThat(errors()).as("the recovery is not sent to the error URL (NOTIFY_RECOVERIES is off), as the old tool"
        + " sent none").hasSize(1);
  }

  @ParameterizedTest(name = "turned on by the {0}")
  @ValueSource(strings = {"setting", "label"})
  void withWholeStackRollbackTheHealthyServiceGoesBackToItsPreviousImageToo(String how) throws Exception {
    if (how.equals("setting")) {
      env.put("ROLLBACK_ON_FAILURE", "true");
    }
    StackFile before = healthy();
    if (how.equals("label")) {
      before.service("web").label("se.kth.aspen.rollbackOnFailure", "true");
    }
    before.add(new StackFile.Service("api").image("127.0.0.1:5000/busybox:1.2.3_def"));
    writeStack(crashing, "active", before);
    git.commitAndPush("two healthy services");
    Aspen aspen = aspen();
    assertThat(result(aspen.deployPass(), crashing, "active").status()).isEqualTo(AppStatus.DEPLOYED);
    String apiBefore = engine.serviceImage(crashing + "_api");
    assertThat(apiBefore).startsWith("127.0.0.1:5000/busybox:1.2.3_def@sha256:");

    StackFile after = crashingStack();
    if (how.equals("label")) {
      after.service("web").label("se.kth.aspen.rollbackOnFailure", "true");
    }
    after.add(new StackFile.Service("api").image("127.0.0.1:5000/busybox:2.0.0"));
    writeStack(crashing, "active", after);
    git.commitAndPush("api moves on, web crashes");
    PassReport failedPass = aspen.deployPass();

    AppResult failed = result(failedPass, crashing, "active");
    assertThat(failed.status()).as(describe(failedPass)).isEqualTo(AppStatus.FAILED);
    assertThat(failed.rolledBack()).contains("api");
    assertThat(engine.serviceImage(crashing + "_api")).isEqualTo(apiBefore);
    assertThat(result(aspen.deployPass(), crashing, "active").status()).isEqualTo(AppStatus.BLOCKED);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"a unix socket nobody listens on", "a closed tcp port"})
  void anEngineThatCannotBeReachedIsRetriedEveryPassAndNeverBlocks(String endpoint) throws Exception {
    String dead = endpoint.startsWith("a unix")
        ? "unix://" + dir.resolve("dead.sock").toAbsolutePath()
        : "tcp://127.0.0.1:" + closedPort();
    clusters(cluster("active", dead, false));
    writeStack(crashing, "active", healthy());
    git.commitAndPush("an app");
    Aspen aspen = aspen();

    for (int i = 0; i < 2; i++) {
      PassReport report = aspen.deployPass();
      AppResult failed = result(report, crashing, "active");
      assertThat(failed.status()).as(describe(report)).isEqualTo(AppStatus.FAILED);
      assertThat(failed.failure()).contains(FailureKind.COULD_NOT_TRY);
      assertThat(aspen.state("active", stackPath(crashing, "active")).lastFailed()).isEmpty();
    }

    clusters(cluster("active", testEnv.dockerHost(), false));
    PassReport recovered = aspen.deployPass();
    assertThat(result(recovered, crashing, "active").status()).as(describe(recovered)).isEqualTo(AppStatus.DEPLOYED);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
