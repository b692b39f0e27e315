package se.kth.aspen.core.commitstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.AppTarget;
import se.kth.aspen.core.pass.FailureKind;
import se.kth.aspen.core.port.CommitStatus;

class CommitStatusReportsTest {

  private static final String REV = "3b01b96e1f2a4c5d6e7f8091a2b3c4d5e6f70812";
  private static final AppTarget TARGET = new AppTarget("app-a", "active", Path.of("/r/app-a/active"), "app-a/active/docker-stack.yml");

  private final List<CommitStatus> posted = new CopyOnWriteArrayList<>();
  private final CommitStatusReports reports = new CommitStatusReports(posted::add, Optional.of(URI.create("https://aspen.example.org")));

  @Test
  void aDeployPostsPendingThenSuccessWithALinkToTheApp() {
    reports.deployStarting(REV, "active", "app-a");
    reports.finished(REV, result(AppStatus.DEPLOYED, Optional.empty(), Optional.empty()));

    assertThat(posted).containsExactly(
        new CommitStatus(REV, "aspen/active/app-a", CommitStatus.State.PENDING, "deploying to active",
            Optional.of(URI.create("https://aspen.example.org/api/v1/applications/active/app-a"))),
        new CommitStatus(REV, "aspen/active/app-a", CommitStatus.State.SUCCESS, "deployed to active and verified",
            Optional.of(URI.create("https://aspen.example.org/api/v1/applications/active/app-a"))));
  }

  @Test
  void aFailedDeployPostsFailureWithStepAndTheReasonsFirstLine() {
    reports.deployStarting(REV, "active", "app-a");
    reports.finished(REV, AppResult.failed(TARGET, FailureKind.TRIED_AND_FAILED, "Verify", "web: 0/1 running\ntask exited 1"));

    assertThat(posted).extracting(CommitStatus::state, CommitStatus::description).containsExactly(
        org.assertj.core.groups.Tuple.tuple(CommitStatus.State.PENDING, "deploying to active"),
        org.assertj.core.groups.Tuple.tuple(CommitStatus.State.FAILURE, "FAILED at Verify: web: 0/1 running"));
  }

  @Test
  void aBlockedAppPostsItsFailureOncePerRevisionHoweverManyPassesReportIt() {
    AppResult blocked = result(AppStatus.BLOCKED, Optional.of("Verify"), Optional.of("did not converge"));
    reports.finished(REV, blocked);
    reports.finished(REV, blocked);
    reports.finished(REV, blocked);

    assertThat(posted).singleElement().satisfies(s -> {
      assertThat(s.state()).isEqualTo(CommitStatus.State.FAILURE);
      assertThat(s.description()).isEqualTo("BLOCKED: did not converge");
    });
  }

  @Test
  void unchangedAndSkippedAppsPostNothing() {
    reports.finished(REV, result(AppStatus.UNCHANGED, Optional.empty(), Optional.empty()));
    reports.finished(REV, AppResult.skipped(TARGET, "Select", "cluster not selected"));

    assertThat(posted).isEmpty();
  }

  @Test
  void aFailureToTryPostsNothingUnlessItsDeployHadStarted() {
    reports.finished(REV, AppResult.failed(TARGET, FailureKind.COULD_NOT_TRY, "Resolve", "registry unreachable"));
    assertThat(posted).isEmpty();

    reports.deployStarting(REV, "active", "app-a");
    reports.finished(REV, AppResult.failed(TARGET, FailureKind.COULD_NOT_TRY, "Deploy", "docker unreachable"));
    assertThat(posted).extracting(CommitStatus::state).containsExactly(CommitStatus.State.PENDING, CommitStatus.State.FAILURE);
  }

  @Test
  void aRevisionThatIsNoCommitPostsNothing() {
    reports.deployStarting("directory", "active", "app-a");

    assertThat(posted).isEmpty();
  }

  @Test
  void aLongReasonIsCutToTheForgesLimit() {
    reports.finished(REV, AppResult.failed(TARGET, FailureKind.INVALID, "Read", "x".repeat(500)));

    assertThat(posted.getFirst().description()).hasSize(CommitStatus.MAX_DESCRIPTION).endsWith("…");
  }

  private static AppResult result(AppStatus status, Optional<String> step, Optional<String> reason) {
    return new AppResult(TARGET, status, step, reason, new TreeMap<>(Map.of()), Duration.ZERO, Optional.empty(),
        status == AppStatus.BLOCKED ? Optional.of(java.time.Instant.EPOCH) : Optional.empty(), Optional.empty(), List.of(), List.of());
  }
}
